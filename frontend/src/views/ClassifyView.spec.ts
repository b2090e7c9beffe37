import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { routes } from '@/router'
import { useAuthStore } from '@/stores/auth'
import { stubFetch } from '@/test/fetchStub'
import { stubXhr, type FakeXhr } from '@/test/fakeXhr'
import { classification } from '@/test/fixtures'
import { setCookie } from '@/test/setup'
import ClassifyView from './ClassifyView.vue'

const photo = (name = 'chelsea.png') => new File([new Uint8Array(64)], name, { type: 'image/png' })
const nothing = classification({ recognised: false, topLabel: null, topScore: null, labels: [], objects: [], hints: [{ label: 'orange', score: 0.19 }] })

async function mountView() {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().status = 'guest'
  const router = createRouter({ history: createMemoryHistory(), routes })
  await router.push('/')
  const wrapper = mount(ClassifyView, { global: { plugins: [pinia, router] }, attachTo: document.body })
  const announcer = () => wrapper.get('[data-testid="announcer"]').text()
  return { wrapper, announcer }
}

function pick(wrapper: Awaited<ReturnType<typeof mountView>>['wrapper'], files: File[]) {
  const input = wrapper.get('[data-testid="file-input"]')
  Object.defineProperty(input.element, 'files', { value: files, configurable: true })
  return input.trigger('change')
}

describe('ClassifyView', () => {
  beforeEach(() => {
    setCookie('XSRF-TOKEN', 't')
    stubFetch({ 'GET /api/models': { body: { defaultModel: 'coco-centernet', models: [] } } })
    URL.createObjectURL = vi.fn(() => 'blob:preview')
    URL.revokeObjectURL = vi.fn()
  })

  it('announces the result in a region that stays, and moves focus to the result heading', async () => {
    stubXhr([{ status: 201, body: classification({ topScore: 0.49 }) }])
    const { wrapper, announcer } = await mountView()
    const region = wrapper.get('[data-testid="announcer"]')
    expect(region.attributes('aria-live')).toBe('polite')
    const input = wrapper.get('[data-testid="file-input"]')
    ;(input.element as HTMLInputElement).focus()
    await pick(wrapper, [photo()])
    await vi.waitFor(() => expect(announcer()).toBe('Cat, 49% sure, 1 object found'))
    expect(wrapper.get('[data-testid="announcer"]').element).toBe(region.element)
    await flushPromises()
    expect(document.activeElement?.id).toBe('result-heading')
    expect(input.attributes('disabled')).toBeUndefined()
    // A guest's result is in their history too.
    expect(wrapper.get('[data-testid="open-in-history"]').attributes('href')).toBe('/history/c1')
    wrapper.unmount()
  })

  it('says plainly when nothing was recognised, and asks what it is', async () => {
    stubXhr([{ status: 201, body: nothing }])
    const { wrapper, announcer } = await mountView()
    await pick(wrapper, [photo()])
    await vi.waitFor(() => expect(announcer()).toBe('Nothing recognised. Not confident, but maybe: orange 19%.'))
    expect(wrapper.get('#result-heading').text()).toBe('Nothing recognised')
    expect(wrapper.get('#feedback-heading').text()).toBe('What is it?')
    wrapper.unmount()
  })

  it('announces a refusal with its limit and puts focus on it', async () => {
    stubXhr([{ status: 413, body: { type: 'https://zoolens.io/problems/too-many-pixels', title: 'Too many pixels', status: 413, detail: 'The image has 64.0 megapixels (8000 × 8000); at most 40 megapixels are accepted.' } }])
    const { wrapper, announcer } = await mountView()
    await pick(wrapper, [photo()])
    await vi.waitFor(() => expect(announcer()).toBe('That did not work. The image has 64.0 megapixels (8000 × 8000); at most 40 megapixels are accepted.'))
    await flushPromises()
    expect(wrapper.get('[data-testid="problem"]').text()).toContain('at most 40 megapixels')
    expect(document.activeElement?.getAttribute('data-focus')).toBe('problem')
    wrapper.unmount()
  })

  it('queues photos dropped anywhere on the page, or pasted, and sends them one after another', async () => {
    const names: string[] = []
    stubXhr((xhr: FakeXhr) => {
      const name = xhr.query('filename') ?? ''
      names.push(name)
      return { status: 201, body: classification({ id: name }) }
    })
    const { wrapper } = await mountView()
    const drop = new Event('drop', { bubbles: true, cancelable: true })
    Object.defineProperty(drop, 'dataTransfer', { value: { types: ['Files'], files: [photo('a.png'), photo('b.png'), photo('c.png')] } })
    document.body.dispatchEvent(drop)
    expect(drop.defaultPrevented).toBe(true)
    const paste = new Event('paste', { bubbles: true, cancelable: true })
    Object.defineProperty(paste, 'clipboardData', { value: { files: [photo('pasted.png')], items: [], types: ['Files'] } })
    document.body.dispatchEvent(paste)
    await vi.waitFor(() => expect(names).toHaveLength(4))
    await flushPromises()
    expect(names).toEqual(['a.png', 'b.png', 'c.png', 'pasted.png'])
    expect(wrapper.findAll('[data-testid="queue-item"]')).toHaveLength(4)
    expect(wrapper.findAll('[data-testid="queue-open"]')).toHaveLength(4)
    wrapper.unmount()
  })
})
