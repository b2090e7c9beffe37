import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { problem, stubFetch } from '@/test/fetchStub'
import { customModel, job } from '@/test/customModelFixtures'
import { stubEventSource } from '@/test/fakeEventSource'
import { setCookie } from '@/test/setup'
import { testRouter } from '@/test/router'
import { useCustomModelsStore } from '@/stores/customModels'
import ModelTraining from './ModelTraining.vue'

async function mountTraining(model = customModel()) {
  const router = await testRouter('/models/m1')
  return mount(ModelTraining, { props: { model }, global: { plugins: [router] } })
}

describe('ModelTraining', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    setCookie('XSRF-TOKEN', 't')
  })

  it('shows the progress from the events and announces stages and quarters only', async () => {
    const sources = stubEventSource()
    stubFetch({
      'POST /api/custom-models/m1/trainings': { status: 202, body: job({ state: 'QUEUED', stage: 'QUEUED' }) },
      'POST /api/custom-models/m1/trainings/j1/cancel': { status: 202, body: job({ done: 12, cancelRequested: true }) },
      'GET /api/custom-models/m1': { body: customModel() },
    })
    const wrapper = await mountTraining()
    await wrapper.get('[data-testid="training-start"]').trigger('click')
    await flushPromises()
    const announced = () => wrapper.get('[data-testid="training-announcement"]').text()
    expect(wrapper.get('[data-testid="training-status"]').text()).toBe('Waiting for its turn…')
    sources[0]!.emit('progress', job({ done: 1, etaSeconds: 30 }))
    await flushPromises()
    expect(wrapper.get('[data-testid="training-status"]').text()).toBe('Features 1 of 40, about 30 s left')
    expect(announced()).toContain('Training started')
    sources[0]!.emit('progress', job({ done: 4, etaSeconds: 20 }))
    await flushPromises()
    expect(announced()).toContain('Training started')
    sources[0]!.emit('progress', job({ done: 12, etaSeconds: 8 }))
    await flushPromises()
    expect(wrapper.get('[role="progressbar"]').attributes('aria-valuenow')).toBe('30')
    expect(announced()).toBe('30% of the features. Features 12 of 40, about 8 s left.')
    await wrapper.get('[data-testid="training-cancel"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="training-cancel"]').text()).toBe('Cancelling…')
    sources[0]!.emit('progress', job({ state: 'CANCELLED', done: 12 }))
    await flushPromises()
    expect(wrapper.get('[data-testid="training-status"]').text()).toContain('Training cancelled')
    expect(announced()).toContain('Training cancelled')
  })

  it('shows a failure with its reason, and a refused start as an actionable message', async () => {
    const sources = stubEventSource()
    stubFetch({ 'GET /api/custom-models/m1': { body: customModel() } })
    const store = useCustomModelsStore()
    store.attach(customModel({ currentTraining: { id: 'j1', state: 'RUNNING', stage: 'TRAINING', done: 40, total: 40, etaSeconds: 0 } }))
    const wrapper = await mountTraining()
    expect(wrapper.get('[data-testid="training-status"]').text()).toBe('Training and evaluating')
    sources[0]!.emit('progress', job({ state: 'FAILED', stage: 'TRAINING', error: { type: 'album-deleted', detail: 'Album x deleted' } }))
    await flushPromises()
    expect(wrapper.get('[data-testid="training-status"]').text()).toContain('An album of the model was deleted meanwhile')

    stubFetch({
      'POST /api/custom-models/m1/trainings': problem(422, 'training-refused', {
        reason: 'TOO_FEW_PICTURES',
        detail: 'Album “pug” has 2 distinct pictures; a class needs at least 5.',
      }),
    })
    await wrapper.get('[data-testid="training-start"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="problem"]').text()).toContain('Album “pug” has 2 distinct pictures; a class needs at least 5. Add pictures to that album')
  })
})
