import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { stubFetch, problem } from '@/test/fetchStub'
import { stubXhr } from '@/test/fakeXhr'
import { classification } from '@/test/fixtures'
import { setCookie } from '@/test/setup'
import { checkFile, useClassifyStore } from './classify'

const photo = () => new File([new Uint8Array(2048)], 'chelsea.png', { type: 'image/png' })

describe('classify store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    setCookie('XSRF-TOKEN', 't')
    URL.createObjectURL = vi.fn(() => 'blob:preview')
    URL.revokeObjectURL = vi.fn()
  })

  afterEach(() => vi.useRealTimers())

  it('refuses empty, oversized and non-image files before uploading', () => {
    expect(checkFile(new File([], 'a.png', { type: 'image/png' }))?.slug).toBe('empty-image')
    expect(checkFile(new File([new Uint8Array(11 * 1024 * 1024)], 'big.png', { type: 'image/png' }))?.slug).toBe('image-too-large')
    expect(checkFile(new File(['%PDF'], 'a.pdf', { type: 'application/pdf' }))?.slug).toBe('unsupported-image')
    expect(checkFile(photo())).toBeNull()
  })

  it('shows a preview at once, reports upload progress, then the result', async () => {
    const requests = stubXhr([{ status: 201, body: classification(), progress: [[1024, 2048]] }])
    const store = useClassifyStore()
    store.albumId = 'a1'
    const done = store.classify(photo())
    expect(store.previewUrl).toBe('blob:preview')
    expect(store.phase).toBe('uploading')
    await done
    expect(store.phase).toBe('done')
    expect(store.result?.topLabel).toBe('cat')
    expect(store.progress).toBe(1)
    expect(requests[0]!.body!.get('albumId')).toBe('a1')
  })

  it('switches to classifying once every byte is sent', async () => {
    stubXhr([{ status: 201, body: classification() }])
    const store = useClassifyStore()
    const phases: string[] = []
    store.$subscribe(() => phases.push(store.phase))
    await store.classify(photo())
    expect(phases).toContain('classifying')
  })

  it('polls a queued (202) picture until it is done', async () => {
    vi.useFakeTimers()
    stubXhr([{ status: 202, body: classification({ status: 'PENDING', topLabel: null, labels: [], objects: null }) }])
    let polls = 0
    stubFetch({ 'GET /api/classifications/c1': () => ({ body: ++polls < 2 ? classification({ status: 'PENDING' }) : classification() }) })
    const store = useClassifyStore()
    await store.classify(photo())
    expect(store.phase).toBe('queued')
    await vi.advanceTimersByTimeAsync(2000)
    expect(store.phase).toBe('queued')
    await vi.advanceTimersByTimeAsync(4000)
    expect(store.phase).toBe('done')
    expect(polls).toBe(2)
  })

  it('shows the API problem when the upload is refused', async () => {
    stubXhr([problem(422, 'corrupt-image')])
    const store = useClassifyStore()
    await store.classify(photo())
    expect(store.phase).toBe('error')
    expect(store.error).toMatchObject({ status: 422 })
  })

  it('uses the chosen model and keeps the last result in step with feedback', async () => {
    const requests = stubXhr([{ status: 201, body: classification() }])
    const store = useClassifyStore()
    store.selectedModel = 'imagenet-mobilenet'
    await store.classify(photo())
    expect(requests[0]!.body!.get('model')).toBe('imagenet-mobilenet')
    store.replaceResult(classification({ feedback: { correct: true, label: null, givenAt: '2026-11-25T20:08:00Z' } }))
    expect(store.result?.feedback?.correct).toBe(true)
    store.forget('c1')
    expect(store.phase).toBe('idle')
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:preview')
  })

  it('loads the model list, and does without it when the classifier is away', async () => {
    stubFetch({ 'GET /api/models': { body: { defaultModel: 'coco', models: [{ name: 'coco', task: 'detection', activeVersion: '1', versions: ['1'], labels: ['cat'] }] } } })
    const store = useClassifyStore()
    await store.loadModels()
    expect(store.models).toHaveLength(1)
    stubFetch({ 'GET /api/models': problem(503, 'classifier-unavailable') })
    await store.loadModels()
    expect(store.models).toEqual([])
  })
})
