import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { problem, stubFetch } from '@/test/fetchStub'
import { testRouter } from '@/test/router'
import { setCookie } from '@/test/setup'
import { useToastStore } from '@/stores/toasts'
import ModelExamples from './ModelExamples.vue'

const examples = {
  sinceVersion: '2',
  examples: [
    { pictureId: 'p1', label: 'wren', albumId: 'a2', correct: false, addedAt: '2026-12-05T10:00:00Z' },
    { pictureId: 'p2', label: 'robin', albumId: 'a1', correct: true, addedAt: '2026-12-05T10:01:00Z' },
  ],
}

async function mountExamples() {
  const router = await testRouter('/')
  const wrapper = mount(ModelExamples, { props: { modelId: 'm1' }, global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

describe('ModelExamples', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    setCookie('XSRF-TOKEN', 't')
  })

  it('says how many examples came since which version, with each thumbnail and the class it was added to', async () => {
    stubFetch({ 'GET /api/custom-models/m1/examples': { body: examples } })
    const wrapper = await mountExamples()
    expect(wrapper.get('h2').text()).toBe('2 new examples since version 2')
    const items = wrapper.findAll('[data-testid="example"]')
    expect(items.map((item) => item.get('img').attributes('src'))).toEqual(['/api/classifications/p1/thumbnail', '/api/classifications/p2/thumbnail'])
    expect(items[0]!.text()).toContain('Class wren')
    expect(items[0]!.text()).toContain('Corrected')
    expect(items[1]!.text()).toContain('Confirmed')
    expect(items[0]!.get('img').attributes('alt')).toBe('Picture added to class wren')
    expect(items[0]!.get('a').attributes('href')).toBe('/history/p1')
    wrapper.unmount()
  })

  it('removes one example, says so, and keeps focus in the section', async () => {
    const { calls } = stubFetch({
      'GET /api/custom-models/m1/examples': { body: examples },
      'DELETE /api/custom-models/m1/examples/p1': { status: 204 },
    })
    const wrapper = await mountExamples()
    const remove = wrapper.get('[data-testid="example-remove"]')
    expect(remove.attributes('aria-label')).toBe('Remove the picture from class wren')
    await remove.trigger('click')
    await flushPromises()
    expect(calls.at(-1)).toMatchObject({ method: 'DELETE', path: '/api/custom-models/m1/examples/p1' })
    expect(calls.at(-1)?.headers['X-XSRF-TOKEN']).toBe('t')
    expect(wrapper.findAll('[data-testid="example"]')).toHaveLength(1)
    expect(wrapper.get('h2').text()).toBe('1 new example since version 2')
    expect(wrapper.get('[role="status"]').text()).toBe('Removed from class wren. The picture stays in your history.')
    expect(document.activeElement).toBe(wrapper.get('h2').element)
    wrapper.unmount()
  })

  it('says why a removal failed and keeps the example', async () => {
    stubFetch({
      'GET /api/custom-models/m1/examples': { body: examples },
      'DELETE /api/custom-models/m1/examples/p1': problem(404, 'not-found'),
    })
    const wrapper = await mountExamples()
    await wrapper.get('[data-testid="example-remove"]').trigger('click')
    await flushPromises()
    expect(wrapper.findAll('[data-testid="example"]')).toHaveLength(2)
    expect(useToastStore().toasts[0]?.message).toBe('This item does not exist (any more).')
    wrapper.unmount()
  })

  it('asks the page to retrain; without examples there is nothing to retrain with', async () => {
    stubFetch({ 'GET /api/custom-models/m1/examples': { body: examples } })
    const wrapper = await mountExamples()
    await wrapper.get('[data-testid="examples-retrain"]').trigger('click')
    expect(wrapper.emitted('retrain')).toHaveLength(1)
    wrapper.unmount()

    stubFetch({ 'GET /api/custom-models/m1/examples': { body: { sinceVersion: null, examples: [] } } })
    const empty = await mountExamples()
    expect(empty.get('h2').text()).toBe('0 new examples for the first version')
    expect(empty.get('[data-testid="examples-empty"]').text()).toContain('No new examples.')
    expect(empty.find('[data-testid="examples-retrain"]').exists()).toBe(false)
    empty.unmount()
  })

  it('offers to try again when the list cannot be read', async () => {
    let fail = true
    stubFetch({ 'GET /api/custom-models/m1/examples': () => (fail ? problem(503, 'service-unavailable') : { body: examples }) })
    const wrapper = await mountExamples()
    expect(wrapper.text()).toContain('The examples could not be loaded')
    fail = false
    await wrapper.get('[data-testid="problem"] button').trigger('click')
    await flushPromises()
    expect(wrapper.findAll('[data-testid="example"]')).toHaveLength(2)
    wrapper.unmount()
  })
})
