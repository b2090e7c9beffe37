import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { problem, stubFetch } from '@/test/fetchStub'
import { album, classification } from '@/test/fixtures'
import { setCookie } from '@/test/setup'
import { useAlbumsStore } from './albums'
import { useClassifyStore } from './classify'
import { useHistoryStore } from './history'

const page = (items = [classification()]) => ({ body: { items, page: 0, size: 24, totalItems: items.length, totalPages: 1 } })

describe('history store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    setCookie('XSRF-TOKEN', 't')
  })

  it('loads a page with the current filter', async () => {
    const { calls } = stubFetch({ 'GET /api/classifications': page() })
    const history = useHistoryStore()
    await history.setFilter({ label: ' cat ', feedback: 'none', albumId: '' })
    expect(calls[0]?.search.get('label')).toBe('cat')
    expect(calls[0]?.search.get('feedback')).toBe('none')
    expect(calls[0]?.search.has('albumId')).toBe(false)
    expect(history.items).toHaveLength(1)
    expect(history.loaded).toBe(true)
  })

  it('keeps the error for the page to show', async () => {
    stubFetch({ 'GET /api/classifications': problem(500, 'server-error') })
    const history = useHistoryStore()
    await history.load()
    expect(history.error).toMatchObject({ status: 500 })
  })

  it('saves feedback and updates the grid, the open item and the classify page together', async () => {
    const saved = classification({ feedback: { correct: false, label: 'dog', givenAt: '2026-11-25T20:09:00Z' } })
    const { calls } = stubFetch({ 'GET /api/classifications': page(), 'PUT /api/classifications/c1/feedback': { body: saved } })
    const history = useHistoryStore()
    const classify = useClassifyStore()
    classify.result = classification()
    await history.load()
    await history.giveFeedback('c1', false, 'dog')
    expect(calls[1]?.body).toEqual({ correct: false, label: 'dog' })
    expect(history.items[0]?.feedback?.label).toBe('dog')
    expect(classify.result?.feedback?.label).toBe('dog')
  })

  it('sends no label with "correct"', async () => {
    const { calls } = stubFetch({ 'PUT /api/classifications/c1/feedback': { body: classification() } })
    await useHistoryStore().giveFeedback('c1', true, 'ignored')
    expect(calls[0]?.body).toEqual({ correct: true, label: null })
  })

  it('files an item into an album and moves the album counts', async () => {
    stubFetch({ 'PATCH /api/classifications/c1': { body: classification({ albumId: 'a2' }) } })
    const albums = useAlbumsStore()
    albums.albums = [album({ id: 'a1', itemCount: 1 }), album({ id: 'a2', name: 'Dogs', itemCount: 0 })]
    await useHistoryStore().fileInto(classification({ albumId: 'a1' }), 'a2')
    expect(albums.albums.map((a) => a.itemCount)).toEqual([0, 1])
  })

  it('opens one item, and reports one that is gone', async () => {
    stubFetch({ 'GET /api/classifications/c1': { body: classification() } })
    const history = useHistoryStore()
    await history.open('c1')
    expect(history.current?.id).toBe('c1')
    await history.open('missing')
    expect(history.current).toBeNull()
    expect(history.currentError).toMatchObject({ status: 404 })
  })

  it('deletes an item everywhere it shows', async () => {
    stubFetch({ 'GET /api/classifications': page(), 'DELETE /api/classifications/c1': { status: 204 } })
    const history = useHistoryStore()
    await history.load()
    await history.remove('c1')
    expect(history.items).toEqual([])
    expect(history.totalItems).toBe(0)
  })

  it('files, moves, takes out and deletes several items in one request, then reloads the page and the album counts', async () => {
    let listed = [classification({ id: 'c1' }), classification({ id: 'c2' }), classification({ id: 'c3' })]
    const { calls } = stubFetch({
      'GET /api/classifications': () => page(listed),
      'GET /api/albums': { body: [album({ id: 'a1', itemCount: 2 })] },
      'POST /api/classifications/bulk': (call) => {
        const body = call.body as { action: string; ids: string[] }
        if (body.action === 'delete') listed = listed.filter((item) => !body.ids.includes(item.id))
        return { body: { action: body.action, updated: body.ids.length - 1, notFound: ['gone'] } }
      },
    })
    const history = useHistoryStore()
    const classify = useClassifyStore()
    classify.result = classification({ id: 'c2' })
    await history.load()

    const filed = await history.bulk(['c1', 'c2', 'gone'], 'file', 'a1')
    expect(filed).toEqual({ action: 'file', updated: 2, notFound: ['gone'] })
    await history.bulk(['c1'], 'file', null)
    await history.bulk(['c2', 'c3'], 'delete')
    const bulkBodies = calls.filter((call) => call.path === '/api/classifications/bulk').map((call) => call.body)
    expect(bulkBodies).toEqual([
      { ids: ['c1', 'c2', 'gone'], action: 'file', albumId: 'a1' },
      { ids: ['c1'], action: 'file', albumId: null },
      { ids: ['c2', 'c3'], action: 'delete' },
    ])
    expect(history.items.map((item) => item.id)).toEqual(['c1'])
    expect(useAlbumsStore().albums[0]?.itemCount).toBe(2)
    expect(classify.result).toBeNull()
  })
})
