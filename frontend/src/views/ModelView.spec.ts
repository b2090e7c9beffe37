import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { problem, stubFetch } from '@/test/fetchStub'
import { album, session, user } from '@/test/fixtures'
import { customModel, job, version } from '@/test/customModelFixtures'
import { stubEventSource } from '@/test/fakeEventSource'
import { setCookie } from '@/test/setup'
import { testRouter } from '@/test/router'
import { useAuthStore } from '@/stores/auth'
import ModelView from './ModelView.vue'

const albums = [album({ id: 'a1', name: 'beagle', itemCount: 20 }), album({ id: 'a2', name: 'basset', itemCount: 10 })]
const trained = customModel({
  activeVersion: '2',
  versions: [version({ version: '1' }), version({ version: '2', metrics: { ...version().metrics, accuracy: 0.9 } })],
  currentTraining: { id: 'j5', state: 'RUNNING', stage: 'FEATURES', done: 10, total: 40, etaSeconds: 12 },
})

async function mountView(path: string) {
  const auth = useAuthStore()
  auth.user = user
  auth.status = 'user'
  const router = await testRouter(path)
  const wrapper = mount(ModelView, {
    props: { id: 'm1' },
    global: { plugins: [router], stubs: { ModelConfusionChart: true } },
    attachTo: document.body,
  })
  await flushPromises()
  return { wrapper, router }
}

describe('ModelView', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    setCookie('XSRF-TOKEN', 't')
    stubEventSource()
  })

  it('after a reload finds the running training again and follows it', async () => {
    const sources = stubEventSource()
    const { calls } = stubFetch({ 'GET /api/albums': { body: albums }, 'GET /api/custom-models/m1': { body: trained } })
    const { wrapper } = await mountView('/models/m1')
    expect(wrapper.get('[data-testid="model-title"]').text()).toBe('Dogs')
    expect(wrapper.get('[data-testid="training-status"]').text()).toBe('Features 10 of 40, about 12 s left')
    expect(sources.at(-1)!.url).toBe('/api/custom-models/m1/trainings/j5/events')
    sources.at(-1)!.emit('progress', job({ id: 'j5', stage: 'TRAINING', done: 40 }))
    await flushPromises()
    expect(wrapper.get('[data-testid="training-status"]').text()).toBe('Training and evaluating')
    expect(wrapper.get('[data-testid="report-accuracy"]').text()).toBe('90%')
    expect(calls.some((c) => c.path === '/api/custom-models/m1')).toBe(true)
    wrapper.unmount()
  })

  it('puts its sections in page order: header, classes, training, new examples, comparison, report, versions, use', async () => {
    stubFetch({
      'GET /api/albums': { body: albums },
      'GET /api/custom-models/m1': { body: { ...trained, currentTraining: null } },
      'GET /api/custom-models/m1/examples': { body: { sinceVersion: '2', examples: [] } },
    })
    const { wrapper } = await mountView('/models/m1?compare=1,2')
    const order = [
      '[data-testid="model-title"]',
      '#classes-heading',
      '[data-testid="model-training"]',
      '[data-testid="model-examples"]',
      '[data-testid="model-compare"]',
      '[data-testid="model-report"]',
      '[data-testid="model-versions"]',
    ].map((selector) => wrapper.get(selector).element)
    for (let i = 1; i < order.length; i++) {
      expect(order[i - 1]!.compareDocumentPosition(order[i]!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
    }
    wrapper.unmount()
  })

  it('changes the classes, then trains a new version from the confirmation and takes focus to its progress', async () => {
    const current = { ...trained, currentTraining: null }
    const withCorgi = { ...current, classes: [...current.classes, { albumId: 'a3', name: 'corgi' }] }
    const { calls } = stubFetch({
      'GET /api/albums': { body: [...albums, album({ id: 'a3', name: 'corgi', itemCount: 12 })] },
      'GET /api/custom-models/m1': { body: current },
      'PATCH /api/custom-models/m1': { body: withCorgi },
      'POST /api/custom-models/m1/trainings': { status: 202, body: job({ id: 'j6', state: 'QUEUED', stage: 'QUEUED' }) },
    })
    const { wrapper } = await mountView('/models/m1')
    expect(wrapper.findAll('[data-testid="class-row"]')).toHaveLength(2)
    await wrapper.get('[data-testid="model-classes-edit"]').trigger('click')
    await flushPromises()
    // One class table at a time: the editor's, for the classes being picked.
    expect(wrapper.findAll('[data-testid="class-check"]')).toHaveLength(1)
    await wrapper.get('[data-testid="model-album"][value="a3"]').setValue(true)
    await wrapper.get('[data-testid="model-classes-editor"]').trigger('submit')
    await flushPromises()
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ albumIds: ['a1', 'a2', 'a3'] })
    expect(wrapper.get('.page-header p').text()).toContain('3 classes')
    expect(wrapper.findAll('[data-testid="class-row"]')).toHaveLength(3)
    await wrapper.get('[data-testid="model-classes-train"]').trigger('click')
    await flushPromises()
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/custom-models/m1/trainings')).toBe(true)
    expect(document.activeElement?.id).toBe('training-heading')
    expect(wrapper.get('[data-testid="training-status"]').text()).toBe('Waiting for its turn…')
    wrapper.unmount()
  })

  it('after an offline reload stays the signed-in user’s page: the model could not be loaded, no guest invite', async () => {
    // Signed in on the last visit (the store remembers the user in this browser)…
    stubFetch({ 'GET /api/auth/session': { body: session() } })
    await useAuthStore().load()
    // …then reloaded without a network: a new app, every request fails without an answer.
    setActivePinia(createPinia())
    stubFetch({
      'GET /api/auth/session': () => {
        throw new TypeError('Failed to fetch')
      },
      'GET /api/albums': () => {
        throw new TypeError('Failed to fetch')
      },
      'GET /api/custom-models/m1': () => {
        throw new TypeError('Failed to fetch')
      },
    })
    await useAuthStore().load()
    const router = await testRouter('/models/m1')
    const wrapper = mount(ModelView, { props: { id: 'm1' }, global: { plugins: [router] } })
    await flushPromises()
    expect(wrapper.find('[data-testid="guest-invite"]').exists()).toBe(false)
    expect(wrapper.text()).not.toContain('Custom models come with an account')
    expect(wrapper.get('[data-testid="problem"]').attributes('data-problem')).toBe('network-error')
    expect(wrapper.get('[data-testid="problem"]').text()).toContain('The model could not be loaded')
    wrapper.unmount()
  })

  it('says a model that is gone is not found', async () => {
    stubFetch({ 'GET /api/albums': { body: albums }, 'GET /api/custom-models/m1': problem(404, 'not-found') })
    const { wrapper } = await mountView('/models/m1')
    expect(wrapper.get('h1').text()).toBe('Model not found')
    wrapper.unmount()
  })
})
