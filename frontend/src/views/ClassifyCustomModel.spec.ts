import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { useAuthStore } from '@/stores/auth'
import { problem, stubFetch } from '@/test/fetchStub'
import { stubXhr } from '@/test/fakeXhr'
import { classification, customAnswer, customModel, unknownAnswer, user } from '@/test/fixtures'
import { testRouter } from '@/test/router'
import { setCookie } from '@/test/setup'
import ClassifyView from './ClassifyView.vue'

// The classify page with the person's own models (issue 15): the picker, every class as a bar, feedback that teaches.
const photo = () => new File([new Uint8Array(64)], 'bird.png', { type: 'image/png' })
const models = { defaultModel: 'coco-centernet', models: [{ name: 'coco-centernet', task: 'detection', description: null, activeVersion: '1', versions: ['1'], labels: ['cat'] }] }
const untrained = customModel({ id: 'm2', name: 'Seeds', activeVersion: null })

async function mountView(signedIn = true, path = '/') {
  const pinia = createPinia()
  setActivePinia(pinia)
  const auth = useAuthStore()
  if (signedIn) {
    auth.user = user
    auth.status = 'user'
  } else auth.status = 'guest'
  const router = await testRouter(path)
  const wrapper = mount(ClassifyView, { global: { plugins: [pinia, router] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, announcer: () => wrapper.get('[data-testid="announcer"]').text() }
}

function pick(wrapper: Awaited<ReturnType<typeof mountView>>['wrapper']) {
  const input = wrapper.get('[data-testid="file-input"]')
  Object.defineProperty(input.element, 'files', { value: [photo()], configurable: true })
  return input.trigger('change')
}

describe('Classify with a custom model', () => {
  beforeEach(() => {
    setCookie('XSRF-TOKEN', 't')
    URL.createObjectURL = vi.fn(() => 'blob:preview')
    URL.revokeObjectURL = vi.fn()
  })

  it('offers the person’s trained models as "name · v2", greys out an untrained one, and uploads with customModelId', async () => {
    const { calls } = stubFetch({ 'GET /api/models': { body: models }, 'GET /api/custom-models': { body: [customModel(), untrained] } })
    const requests = stubXhr([{ status: 201, body: customAnswer() }])
    const { wrapper, announcer } = await mountView()
    const options = wrapper.findAll('[data-testid="custom-models"] option')
    expect(options.map((option) => option.text())).toEqual(['Birds · v2', 'Seeds · not trained yet'])
    expect(options.map((option) => (option.element as HTMLOptionElement).disabled)).toEqual([false, true])
    await wrapper.get('[data-testid="model-picker"]').setValue('custom:m1')
    expect(wrapper.get('[data-testid="model-picker-hint"]').text()).toContain('robin, wren, blackbird')
    await pick(wrapper)
    await vi.waitFor(() => expect(announcer()).toBe('Robin, 81% sure'))
    expect(requests[0]!.query('customModelId')).toBe('m1')
    expect(requests[0]!.query('model')).toBeNull()
    expect(calls.filter((call) => call.path === '/api/custom-models')).toHaveLength(1)
    // Every class as a bar, not a top few; the model by its name, not its folder; no threshold to hide classes.
    const bars = wrapper.findAll('[data-testid="result-labels"] [role="meter"]')
    expect(bars.map((bar) => bar.attributes('aria-valuetext'))).toEqual(['81%', '15%', '4%'])
    expect(wrapper.get('[data-testid="result-labels"]').attributes('aria-label')).toBe('Every class of the model')
    expect(wrapper.get('[data-testid="result-model"]').text()).toBe('Model Birds v2')
    expect(wrapper.find('[data-testid="all-labels"]').exists()).toBe(false)
    expect(wrapper.find('input[type="range"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('lists every class even below a threshold chosen for an earlier built-in answer', async () => {
    stubFetch({ 'GET /api/models': { body: models }, 'GET /api/custom-models': { body: [customModel()] } })
    stubXhr([{ status: 201, body: classification() }, { status: 201, body: customAnswer({ id: 'c2' }) }])
    const { wrapper, announcer } = await mountView()
    await pick(wrapper)
    await vi.waitFor(() => expect(announcer()).toContain('Cat'))
    await wrapper.get('input[type="range"]').setValue('0.5')
    await wrapper.get('[data-testid="model-picker"]').setValue('custom:m1')
    await pick(wrapper)
    // The second photo of the page is announced with its name.
    await vi.waitFor(() => expect(announcer()).toBe('bird.png: Robin, 81% sure'))
    expect(wrapper.findAll('[data-testid="result-labels"] li')).toHaveLength(3)
    wrapper.unmount()
  })

  it('"Wrong → it is Y" offers the model’s other classes, sends the class, and says where it went', async () => {
    const taught = customAnswer({
      feedback: { correct: false, label: 'wren', givenAt: '2026-12-05T10:00:00Z' },
      albumId: 'a2',
      trainingExample: { modelId: 'm1', label: 'wren', addedAt: '2026-12-05T10:00:00Z' },
    })
    const { calls } = stubFetch({
      'GET /api/models': { body: models },
      'GET /api/custom-models': { body: [customModel()] },
      'PUT /api/classifications/c1/feedback': { body: taught },
    })
    stubXhr([{ status: 201, body: customAnswer() }])
    const { wrapper, announcer } = await mountView()
    await wrapper.get('[data-testid="model-picker"]').setValue('custom:m1')
    await pick(wrapper)
    await vi.waitFor(() => expect(announcer()).toBe('Robin, 81% sure'))
    await wrapper.get('[data-testid="feedback-wrong"]').trigger('click')
    const radios = wrapper.findAll('[data-testid="feedback-classes"] input[type="radio"]')
    expect(radios.map((radio) => (radio.element as HTMLInputElement).value)).toEqual(['wren', 'blackbird'])
    expect(wrapper.find('[data-testid="feedback-label"]').exists()).toBe(false)
    await wrapper.get('[data-testid="feedback-save"]').trigger('submit')
    expect(wrapper.get('[role="alert"]').text()).toBe('Pick the class it is.')
    await radios[0]!.setValue(true)
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(calls.find((call) => call.method === 'PUT')?.body).toEqual({ correct: false, label: 'wren' })
    const note = wrapper.get('[data-testid="feedback-taught"]')
    expect(note.text()).toBe('Added to class wren for the next version of Birds.')
    expect(note.attributes('role')).toBe('status')
    expect(note.get('a').attributes('href')).toBe('/models/m1')
    wrapper.unmount()
  })

  it('"Correct" confirms the predicted class', async () => {
    const confirmed = customAnswer({
      feedback: { correct: true, label: null, givenAt: '2026-12-05T10:00:00Z' },
      trainingExample: { modelId: 'm1', label: 'robin', addedAt: '2026-12-05T10:00:00Z' },
    })
    const { calls } = stubFetch({
      'GET /api/models': { body: models },
      'GET /api/custom-models': { body: [customModel()] },
      'PUT /api/classifications/c1/feedback': { body: confirmed },
    })
    stubXhr([{ status: 201, body: customAnswer() }])
    const { wrapper, announcer } = await mountView()
    await wrapper.get('[data-testid="model-picker"]').setValue('custom:m1')
    await pick(wrapper)
    await vi.waitFor(() => expect(announcer()).toBe('Robin, 81% sure'))
    await wrapper.get('[data-testid="feedback-correct"]').trigger('click')
    await flushPromises()
    expect(calls.find((call) => call.method === 'PUT')?.body).toEqual({ correct: true, label: null })
    expect(wrapper.get('[data-testid="feedback-taught"]').text()).toBe('Added to class robin for the next version of Birds.')
    wrapper.unmount()
  })

  it('says "none of its classes" with the closest hints, and lets the person pick the class it is', async () => {
    const unknown = unknownAnswer({
      model: { name: 'u-u1-m1', version: '2', task: 'classification' },
      labels: [
        { label: 'wren', score: 0.41 },
        { label: 'robin', score: 0.35 },
        { label: 'blackbird', score: 0.24 },
      ],
      hints: [
        { label: 'wren', score: 0.41 },
        { label: 'robin', score: 0.35 },
      ],
      labelCount: 3,
      applied: { topK: 100, minScore: 0 },
    })
    const { calls } = stubFetch({
      'GET /api/models': { body: models },
      'GET /api/custom-models': { body: [customModel()] },
      'PUT /api/classifications/c1/feedback': problem(422, 'not-a-class', { classes: ['robin', 'wren', 'blackbird'] }),
    })
    stubXhr([{ status: 201, body: unknown }])
    const { wrapper, announcer } = await mountView()
    await wrapper.get('[data-testid="model-picker"]').setValue('custom:m1')
    await pick(wrapper)
    await vi.waitFor(() => expect(announcer()).toBe('None of this model’s classes. Closest, but not a match: wren 41%, robin 35%.'))
    expect(wrapper.get('#result-heading').text()).toBe('None of this model’s classes')
    // The guesses are not shown as the answer until asked for; then every class, none highlighted.
    expect(wrapper.find('[data-testid="result-labels"]').exists()).toBe(false)
    await wrapper.get('[data-testid="all-labels"]').trigger('click')
    expect(wrapper.findAll('[data-testid="result-labels"] li')).toHaveLength(3)
    expect(wrapper.get('#feedback-heading').text()).toBe('What is it?')
    const radios = wrapper.findAll('[data-testid="feedback-classes"] input[type="radio"]')
    expect(radios).toHaveLength(3)
    await radios[2]!.setValue(true)
    await wrapper.get('[data-testid="feedback"] form').trigger('submit')
    await flushPromises()
    expect(calls.find((call) => call.method === 'PUT')?.body).toEqual({ correct: false, label: 'blackbird' })
    // The class list was out of date: said readably, with the model's classes, and the list is read again.
    expect(wrapper.get('[data-testid="feedback"] [role="alert"]').text()).toBe('That is not one of this model’s classes. Pick one of: robin, wren, blackbird.')
    await flushPromises()
    expect(calls.filter((call) => call.path === '/api/custom-models')).toHaveLength(2)
    wrapper.unmount()
  })

  it('shows a guest no custom models and does not ask for them', async () => {
    const { calls } = stubFetch({ 'GET /api/models': { body: models }, 'GET /api/custom-models': problem(401, 'not-authenticated') })
    const { wrapper } = await mountView(false)
    expect(wrapper.find('[data-testid="custom-models"]').exists()).toBe(false)
    expect(calls.some((call) => call.path === '/api/custom-models')).toBe(false)
    wrapper.unmount()
  })

  it('files uploads into the album a Models page link names (?album=), for a signed-in person only', async () => {
    stubFetch({ 'GET /api/models': { body: models }, 'GET /api/custom-models': { body: [customModel()] }, 'GET /api/albums': { body: [] } })
    const requests = stubXhr([{ status: 201, body: customAnswer() }])
    const { wrapper } = await mountView(true, '/?album=a7')
    await pick(wrapper)
    await vi.waitFor(() => expect(requests).toHaveLength(1))
    expect(requests[0]!.query('albumId')).toBe('a7')
    wrapper.unmount()

    const guest = await mountView(false, '/?album=a7')
    expect(guest.wrapper.find('#upload-album').exists()).toBe(false)
    guest.wrapper.unmount()
  })
})
