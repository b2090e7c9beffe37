import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { problem, stubFetch } from '@/test/fetchStub'
import { album } from '@/test/fixtures'
import { setCookie } from '@/test/setup'
import { useAlbumsStore } from './albums'

describe('albums store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    setCookie('XSRF-TOKEN', 't')
  })

  it('loads once unless forced, sorted by name', async () => {
    const { calls } = stubFetch({ 'GET /api/albums': { body: [album({ id: 'b', name: 'Zebras' }), album({ id: 'a', name: 'Birds' })] } })
    const albums = useAlbumsStore()
    await albums.load()
    await albums.load()
    expect(calls).toHaveLength(1)
    expect(albums.albums.map((a) => a.name)).toEqual(['Birds', 'Zebras'])
    await albums.load(true)
    expect(calls).toHaveLength(2)
  })

  it('creates, renames and deletes', async () => {
    const { calls } = stubFetch({
      'POST /api/albums': { status: 201, body: album({ id: 'a1', name: 'Cats' }) },
      'PATCH /api/albums/a1': { body: album({ id: 'a1', name: 'House cats' }) },
      'DELETE /api/albums/a1': { status: 204 },
    })
    const albums = useAlbumsStore()
    await albums.create('  Cats ', '')
    expect(calls[0]?.body).toEqual({ name: 'Cats' })
    await albums.rename('a1', 'House cats', 'indoors')
    expect(calls[1]?.body).toEqual({ name: 'House cats', description: 'indoors' })
    expect(albums.byId.get('a1')?.name).toBe('House cats')
    await albums.remove('a1')
    expect(albums.albums).toEqual([])
  })

  it('keeps the error when loading fails', async () => {
    stubFetch({ 'GET /api/albums': problem(401, 'not-authenticated') })
    const albums = useAlbumsStore()
    await albums.load()
    expect(albums.error).toMatchObject({ status: 401 })
    expect(albums.loaded).toBe(false)
  })
})
