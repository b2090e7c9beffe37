import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { problem, stubFetch } from '@/test/fetchStub'
import { album } from '@/test/fixtures'
import { customModel } from '@/test/customModelFixtures'
import { setCookie } from '@/test/setup'
import { testRouter } from '@/test/router'
import ModelCreateForm from './ModelCreateForm.vue'

const albums = [album({ id: 'a1', name: 'beagle', itemCount: 40 }), album({ id: 'a2', name: 'pug', itemCount: 3 }), album({ id: 'a3', name: 'corgi', itemCount: 12 })]

// The albums are listed by name (beagle, corgi, pug): pick them by id.
const pick = (wrapper: { get: (selector: string) => { setValue: (value: boolean) => Promise<void> } }, id: string, on = true) =>
  wrapper.get(`[data-testid="model-album"][value="${id}"]`).setValue(on)

async function mountForm() {
  const router = await testRouter('/models')
  const wrapper = mount(ModelCreateForm, { global: { plugins: [router] } })
  await flushPromises()
  return { wrapper, router }
}

describe('ModelCreateForm', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    setCookie('XSRF-TOKEN', 't')
  })

  it('shows the pictures per class and warns about small and unbalanced classes', async () => {
    stubFetch({ 'GET /api/albums': { body: albums } })
    const { wrapper } = await mountForm()
    await pick(wrapper, 'a1')
    await pick(wrapper, 'a2')
    const rows = wrapper.findAll('[data-testid="class-row"]').map((row) => row.text())
    expect(rows[0]).toContain('beagle40')
    expect(rows[1]).toContain('pug3')
    // "Add pictures" opens Classify with that class's album chosen
    expect(wrapper.findAll('[data-testid="class-row"] a.add-link')[1]!.attributes('href')).toBe('/?album=a2')
    const warnings = wrapper.findAll('[data-testid="class-warnings"] li')
    expect(warnings.map((w) => w.attributes('data-kind'))).toEqual(['too-few-pictures', 'unbalanced'])
    expect(warnings[0]!.text()).toContain('Training will refuse')
    await pick(wrapper, 'a2', false)
    await pick(wrapper, 'a3')
    expect(wrapper.findAll('[data-testid="class-warnings"] li').map((w) => w.attributes('data-kind'))).toEqual(['unbalanced'])
  })

  it('asks for a name and two albums, shows a taken name beside the field, and opens the new model', async () => {
    const { calls } = stubFetch({
      'GET /api/albums': { body: albums },
      'POST /api/custom-models': problem(409, 'model-name-taken'),
    })
    const { wrapper, router } = await mountForm()
    await wrapper.get('form').trigger('submit')
    expect(wrapper.get('[data-testid="model-name-error"]').text()).toContain('Give the model a name')
    expect(wrapper.get('[data-testid="model-albums-error"]').text()).toContain('at least 2 albums')
    await wrapper.get('[data-testid="model-name"]').setValue('Dogs')
    await pick(wrapper, 'a1')
    await pick(wrapper, 'a3')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(calls.at(-1)?.body).toEqual({ name: 'Dogs', albumIds: ['a1', 'a3'] })
    expect(wrapper.get('[data-testid="model-name-error"]').text()).toBe('You already have a model with that name. Choose another one.')

    stubFetch({ 'POST /api/custom-models': { status: 201, body: customModel({ id: 'm9', name: 'Dogs' }) } })
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/models/m9')
  })
})
