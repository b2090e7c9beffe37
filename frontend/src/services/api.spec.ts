import { describe, expect, it } from 'vitest'
import { setCookie } from '@/test/setup'
import { stubFetch, problem } from '@/test/fetchStub'
import { stubXhr } from '@/test/fakeXhr'
import { classification } from '@/test/fixtures'
import { api } from './api'

describe('typed API client', () => {
  it('treats 401 from /auth/me as a guest', async () => {
    stubFetch({ 'GET /api/auth/me': problem(401, 'not-authenticated') })
    expect(await api.auth.me()).toBeNull()
  })

  it('lists history newest first with filters', async () => {
    const { calls } = stubFetch({ 'GET /api/classifications': { body: { items: [], page: 1, size: 24, totalItems: 0, totalPages: 0 } } })
    await api.classifications.list({ label: 'cat', albumId: 'a1', feedback: 'wrong' }, 1)
    expect(Object.fromEntries(calls[0]!.search)).toEqual({ page: '1', size: '24', sort: 'createdAt,desc', label: 'cat', albumId: 'a1', feedback: 'wrong' })
  })

  it('sends the picture as the body, with its name, model and album in the query', async () => {
    setCookie('XSRF-TOKEN', 't')
    const requests = stubXhr([{ status: 201, body: classification() }])
    const file = new File(['png'], 'chelsea.png', { type: 'image/png' })
    const answer = await api.classifications.create({ image: file, model: 'coco-centernet', albumId: 'a1' })
    expect(answer.queued).toBe(false)
    expect(requests[0]!.body).toBe(file)
    const search = new URL(requests[0]!.url, 'https://zoolens.test').searchParams
    expect(Object.fromEntries(search)).toEqual({ filename: 'chelsea.png', model: 'coco-centernet', albumId: 'a1' })
  })

  it('puts feedback and files items with the documented bodies', async () => {
    setCookie('XSRF-TOKEN', 't')
    const { calls } = stubFetch({
      'PUT /api/classifications/c1/feedback': { body: classification() },
      'PATCH /api/classifications/c1': { body: classification() },
    })
    await api.classifications.giveFeedback('c1', { correct: false, label: 'dog' })
    await api.classifications.fileInto('c1', null)
    expect(calls[0]?.body).toEqual({ correct: false, label: 'dog' })
    expect(calls[1]?.body).toEqual({ albumId: null })
  })

  it('re-reads a classification with other thresholds, and without any by default', async () => {
    const { calls } = stubFetch({ 'GET /api/classifications/c1': { body: classification() } })
    await api.classifications.get('c1')
    await api.classifications.get('c1', undefined, { topK: 100, minScore: 0 })
    expect(calls[0]!.url).toBe('/api/classifications/c1')
    expect(Object.fromEntries(calls[1]!.search)).toEqual({ topK: '100', minScore: '0' })
  })
})
