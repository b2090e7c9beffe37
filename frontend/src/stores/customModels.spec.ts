import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { problem, stubFetch } from '@/test/fetchStub'
import { customModel, job, version } from '@/test/customModelFixtures'
import { stubEventSource } from '@/test/fakeEventSource'
import { setCookie } from '@/test/setup'
import { useCustomModelsStore } from './customModels'

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('custom models store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    setCookie('XSRF-TOKEN', 't')
  })
  afterEach(() => vi.useRealTimers())

  it('loads by name, creates with trimmed name and albums, renames and deletes', async () => {
    const { calls } = stubFetch({
      'GET /api/custom-models': { body: [customModel({ id: 'b', name: 'Zebras' }), customModel({ id: 'a', name: 'Birds' })] },
      'POST /api/custom-models': { status: 201, body: customModel({ id: 'c', name: 'Cats' }) },
      'PATCH /api/custom-models/c': { body: customModel({ id: 'c', name: 'House cats' }) },
      'DELETE /api/custom-models/c': { status: 204 },
    })
    const store = useCustomModelsStore()
    await store.load()
    expect(store.models.map((m) => m.name)).toEqual(['Birds', 'Zebras'])
    await store.create('  Cats ', ['a1', 'a2'])
    expect(calls[1]).toMatchObject({ method: 'POST', body: { name: 'Cats', albumIds: ['a1', 'a2'] } })
    expect(calls[1]?.headers['X-XSRF-TOKEN']).toBe('t')
    await store.rename('c', 'House cats')
    expect(store.byId.get('c')?.name).toBe('House cats')
    await store.remove('c')
    expect(store.byId.has('c')).toBe(false)
  })

  it('follows a started training by its events, then reads the model again for the new version', async () => {
    const sources = stubEventSource()
    const trained = customModel({ activeVersion: '1', versions: [version()] })
    const { calls } = stubFetch({
      'GET /api/custom-models/m1': { body: trained },
      'POST /api/custom-models/m1/trainings': { status: 202, body: job({ state: 'QUEUED', stage: 'QUEUED' }) },
    })
    const store = useCustomModelsStore()
    await store.train('m1')
    expect(sources).toHaveLength(1)
    expect(sources[0]!.url).toBe('/api/custom-models/m1/trainings/j1/events')
    sources[0]!.emit('progress', job({ done: 12, etaSeconds: 8 }))
    expect(store.trainings.m1).toMatchObject({ stage: 'FEATURES', done: 12, total: 40 })
    sources[0]!.emit('progress', job({ state: 'SUCCEEDED', stage: 'DONE', done: 40, version: '1' }))
    expect(sources[0]!.closed).toBe(true)
    await flush()
    expect(calls.filter((c) => c.path === '/api/custom-models/m1' && c.method === 'GET')).toHaveLength(1)
    expect(store.byId.get('m1')?.activeVersion).toBe('1')
    expect(store.trainings.m1?.state).toBe('SUCCEEDED')
  })

  it('polls every 2 s when the event stream fails, until the job ends', async () => {
    vi.useFakeTimers()
    const sources = stubEventSource()
    let answer = job({ done: 20 })
    const { calls } = stubFetch({
      'POST /api/custom-models/m1/trainings': { status: 202, body: job({ state: 'QUEUED', stage: 'QUEUED' }) },
      'GET /api/custom-models/m1/trainings/j1': () => ({ body: answer }),
      'GET /api/custom-models/m1': { body: customModel() },
    })
    const store = useCustomModelsStore()
    await store.train('m1')
    sources[0]!.fail()
    expect(sources[0]!.closed).toBe(true)
    await vi.advanceTimersByTimeAsync(0)
    expect(store.trainings.m1?.done).toBe(20)
    answer = job({ stage: 'TRAINING', done: 40 })
    await vi.advanceTimersByTimeAsync(1999)
    expect(store.trainings.m1?.stage).toBe('FEATURES')
    await vi.advanceTimersByTimeAsync(1)
    expect(store.trainings.m1?.stage).toBe('TRAINING')
    answer = job({ state: 'FAILED', stage: 'TRAINING', error: { type: 'classifier-unavailable', detail: 'down' } })
    await vi.advanceTimersByTimeAsync(2000)
    expect(store.trainings.m1?.state).toBe('FAILED')
    const polls = calls.filter((c) => c.path.endsWith('/trainings/j1')).length
    await vi.advanceTimersByTimeAsync(10000)
    expect(calls.filter((c) => c.path.endsWith('/trainings/j1'))).toHaveLength(polls)
  })

  it('finds a running training again after a reload, from the model’s currentTraining', async () => {
    const sources = stubEventSource()
    stubFetch({
      'GET /api/custom-models/m1': {
        body: customModel({ currentTraining: { id: 'j7', state: 'RUNNING', stage: 'FEATURES', done: 5, total: 40, etaSeconds: 30 } }),
      },
    })
    const store = useCustomModelsStore()
    await store.fetch('m1')
    expect(store.trainings.m1).toMatchObject({ id: 'j7', done: 5 })
    expect(sources.map((s) => s.url)).toEqual(['/api/custom-models/m1/trainings/j7/events'])
    await store.fetch('m1')
    expect(sources).toHaveLength(1)
  })

  it('follows the running training when one is already in progress (409)', async () => {
    const sources = stubEventSource()
    stubFetch({
      'POST /api/custom-models/m1/trainings': problem(409, 'training-in-progress', { jobId: 'j2' }),
      'GET /api/custom-models/m1': {
        body: customModel({ currentTraining: { id: 'j2', state: 'RUNNING', stage: 'TRAINING', done: 40, total: 40, etaSeconds: 0 } }),
      },
    })
    const store = useCustomModelsStore()
    const running = await store.train('m1')
    expect(running.id).toBe('j2')
    expect(sources[0]!.url).toContain('/trainings/j2/events')
  })

  it('refuses a training with the problem, and cancels a running one', async () => {
    stubEventSource()
    const { calls } = stubFetch({
      'POST /api/custom-models/m1/trainings': problem(422, 'training-refused', { reason: 'TOO_FEW_PICTURES' }),
    })
    const store = useCustomModelsStore()
    await expect(store.train('m1')).rejects.toMatchObject({ status: 422, slug: 'training-refused' })
    stubFetch({
      'POST /api/custom-models/m2/trainings': { status: 202, body: job({ id: 'j3', modelId: 'm2' }) },
      'POST /api/custom-models/m2/trainings/j3/cancel': { status: 202, body: job({ id: 'j3', modelId: 'm2', cancelRequested: true }) },
    })
    await store.train('m2')
    await store.cancel('m2')
    expect(store.trainings.m2?.cancelRequested).toBe(true)
    expect(calls).toHaveLength(1)
  })

  it('keeps a new training when the cancelled one’s late news arrives (cancel while queued, then Train at once)', async () => {
    const sources = stubEventSource()
    stubFetch({
      'POST /api/custom-models/m1/trainings': { status: 202, body: job({ id: 'j1', state: 'QUEUED', stage: 'QUEUED' }) },
      'POST /api/custom-models/m1/trainings/j1/cancel': { status: 202, body: job({ id: 'j1', state: 'CANCELLED', stage: 'QUEUED' }) },
    })
    const store = useCustomModelsStore()
    await store.train('m1')
    await store.cancel('m1')
    expect(store.trainings.m1?.state).toBe('CANCELLED')
    stubFetch({ 'POST /api/custom-models/m1/trainings': { status: 202, body: job({ id: 'j2', state: 'QUEUED', stage: 'QUEUED' }) } })
    await store.train('m1')
    // The first job's stream still says how it ended, after the second one started.
    sources[0]!.emit('progress', job({ id: 'j1', state: 'CANCELLED', stage: 'QUEUED' }))
    expect(store.trainings.m1).toMatchObject({ id: 'j2', state: 'QUEUED' })
    sources[1]!.emit('progress', job({ id: 'j2', done: 3 }))
    expect(store.trainings.m1).toMatchObject({ id: 'j2', state: 'RUNNING', done: 3 })
  })

  it('activates and deletes versions', async () => {
    const model = customModel({ activeVersion: '2', versions: [version({ version: '1' }), version({ version: '2' })] })
    const { calls } = stubFetch({
      'GET /api/custom-models/m1': { body: model },
      'PUT /api/custom-models/m1/active-version': { body: { ...model, activeVersion: '1' } },
      'DELETE /api/custom-models/m1/versions/2': { status: 204 },
    })
    const store = useCustomModelsStore()
    await store.fetch('m1')
    await store.activate('m1', '1')
    expect(calls[1]?.body).toEqual({ version: '1' })
    expect(store.byId.get('m1')?.activeVersion).toBe('1')
    await store.removeVersion('m1', '2')
    expect(store.byId.get('m1')?.versions.map((v) => v.version)).toEqual(['1'])
  })
})
