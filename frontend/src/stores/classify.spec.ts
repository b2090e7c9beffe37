import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { stubFetch, problem } from '@/test/fetchStub'
import { stubXhr, type FakeXhr } from '@/test/fakeXhr'
import { classification } from '@/test/fixtures'
import { setCookie } from '@/test/setup'
import { useClassifyStore } from './classify'

const photo = (name = 'chelsea.png') => new File([new Uint8Array(2048)], name, { type: 'image/png' })
const settled = (store: ReturnType<typeof useClassifyStore>) => vi.waitFor(() => expect(store.working).toBe(false))

describe('classify store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    setCookie('XSRF-TOKEN', 't')
    let previews = 0
    URL.createObjectURL = vi.fn(() => `blob:preview-${++previews}`)
    URL.revokeObjectURL = vi.fn()
  })

  afterEach(() => vi.useRealTimers())

  it('shows a preview at once, gets the photo ready, reports upload progress, then the result', async () => {
    const requests = stubXhr([{ status: 201, body: classification(), progress: [[1024, 2048]] }])
    const store = useClassifyStore()
    store.albumId = 'a1'
    store.classify(photo())
    expect(store.previewUrl).toBe('blob:preview-1')
    expect(store.phase).toBe('preparing')
    await settled(store)
    expect(store.phase).toBe('done')
    expect(store.result?.topLabel).toBe('cat')
    expect(store.progress).toBe(1)
    expect(requests[0]!.query('albumId')).toBe('a1')
    expect(requests[0]!.query('filename')).toBe('chelsea.png')
  })

  it('switches to classifying once every byte is sent', async () => {
    stubXhr([{ status: 201, body: classification() }])
    const store = useClassifyStore()
    const phases: string[] = []
    store.$subscribe(() => phases.push(store.phase))
    store.classify(photo())
    await settled(store)
    expect(phases).toContain('classifying')
  })

  it('sends several photos one after another, each with its own status, the stage following along', async () => {
    const seen: string[][] = []
    const store = useClassifyStore()
    stubXhr((xhr: FakeXhr) => {
      seen.push(store.items.map((item) => item.phase))
      const name = xhr.query('filename') ?? ''
      return { status: 201, body: classification({ id: name, topLabel: name }) }
    })
    store.add([photo('a.png'), photo('b.png'), photo('c.png')])
    expect(store.items.map((item) => item.phase)).toEqual(['preparing', 'waiting', 'waiting'])
    await settled(store)
    // Each upload starts only when the one before has its answer.
    expect(seen).toEqual([
      ['uploading', 'waiting', 'waiting'],
      ['done', 'uploading', 'waiting'],
      ['done', 'done', 'uploading'],
    ])
    expect(store.items.map((item) => item.result?.id)).toEqual(['a.png', 'b.png', 'c.png'])
    expect(store.result?.id).toBe('c.png')
    store.show(store.items[0]!.key)
    expect(store.result?.id).toBe('a.png')
  })

  it('keeps going after a refused photo, which says why in words', async () => {
    stubXhr([{ status: 201, body: classification() }])
    const store = useClassifyStore()
    store.add([new File(['%PDF'], 'report.pdf', { type: 'application/pdf' }), photo()])
    await settled(store)
    expect(store.items.map((item) => item.phase)).toEqual(['error', 'done'])
    expect(store.items[0]!.error).toMatchObject({ slug: 'unsupported-image', detail: expect.stringContaining('JPEG, PNG, WebP, GIF and BMP') })
  })

  it('refuses a photo over the byte limit when the original is to be kept, naming the limit', async () => {
    const requests = stubXhr([])
    const store = useClassifyStore()
    store.keepOriginal = true
    store.classify(new File([new Uint8Array(11 * 1024 * 1024)], 'big.png', { type: 'image/png' }))
    await settled(store)
    expect(store.phase).toBe('error')
    expect(store.error?.message).toMatch(/^The image is 11 MB; at most 10 MB are accepted\./)
    expect(requests).toHaveLength(0)
  })

  it('cancels one photo and goes on with the next, or cancels all', async () => {
    const store = useClassifyStore()
    stubXhr(() => ({ status: 201, body: classification() }))
    store.add([photo('a.png'), photo('b.png'), photo('c.png')])
    store.cancel(store.items[0]!.key)
    await settled(store)
    expect(store.items.map((item) => item.phase)).toEqual(['cancelled', 'done', 'done'])
    store.retry(store.items[0]!.key)
    await settled(store)
    expect(store.items[0]!.phase).toBe('done')

    store.add([photo('d.png'), photo('e.png')])
    store.cancelAll()
    await settled(store)
    expect(store.items.slice(3).map((item) => item.phase)).toEqual(['cancelled', 'cancelled'])
  })

  it('polls a queued (202) picture until it is done', async () => {
    vi.useFakeTimers()
    stubXhr([{ status: 202, body: classification({ status: 'PENDING', topLabel: null, labels: [], objects: null }) }])
    let polls = 0
    stubFetch({ 'GET /api/classifications/c1': () => ({ body: ++polls < 2 ? classification({ status: 'PENDING' }) : classification() }) })
    const store = useClassifyStore()
    store.classify(photo())
    await vi.advanceTimersByTimeAsync(0)
    expect(store.phase).toBe('queued')
    await vi.advanceTimersByTimeAsync(2000)
    expect(store.phase).toBe('queued')
    await vi.advanceTimersByTimeAsync(4000)
    expect(store.phase).toBe('done')
    expect(polls).toBe(2)
  })

  it('pauses the rest of the queue after a refusal they would get too, and goes on when resumed', async () => {
    const requests = stubXhr([problem(429, 'guest-limit-reached'), { status: 201, body: classification({ id: 'a' }) }, { status: 201, body: classification({ id: 'b' }) }])
    const store = useClassifyStore()
    store.add([photo('a.png'), photo('b.png'), photo('c.png')])
    await vi.waitFor(() => expect(store.paused).toBe(true))
    expect(store.items.map((item) => item.phase)).toEqual(['error', 'waiting', 'waiting'])
    expect(requests).toHaveLength(1)
    store.resume()
    await settled(store)
    expect(store.paused).toBe(false)
    expect(store.items.map((item) => item.phase)).toEqual(['error', 'done', 'done'])
    expect(requests).toHaveLength(3)
  })

  it('shows the API problem when the upload is refused', async () => {
    stubXhr([problem(422, 'corrupt-image')])
    const store = useClassifyStore()
    store.classify(photo())
    await settled(store)
    expect(store.phase).toBe('error')
    expect(store.error).toMatchObject({ status: 422 })
  })

  it('uses the model chosen when the photo was added and keeps the result in step with feedback', async () => {
    const requests = stubXhr([{ status: 201, body: classification() }])
    const store = useClassifyStore()
    store.selectedModel = 'imagenet-mobilenet'
    store.classify(photo())
    store.selectedModel = ''
    await settled(store)
    expect(requests[0]!.query('model')).toBe('imagenet-mobilenet')
    store.replaceResult(classification({ feedback: { correct: true, label: null, givenAt: '2026-11-25T20:08:00Z' } }))
    expect(store.result?.feedback?.correct).toBe(true)
    store.forget('c1')
    expect(store.phase).toBe('idle')
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:preview-1')
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
