import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { problem, stubFetch } from '@/test/fetchStub'
import { stats } from '@/test/fixtures'
import { useStatsStore } from './stats'

describe('stats store', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('loads the numbers', async () => {
    stubFetch({ 'GET /api/stats': { body: stats } })
    const store = useStatsStore()
    await store.load()
    expect(store.stats?.totals.accuracy).toBe(0.8)
    expect(store.loading).toBe(false)
  })

  it('keeps the problem and forgets everything on reset', async () => {
    stubFetch({ 'GET /api/stats': problem(401, 'not-authenticated') })
    const store = useStatsStore()
    await store.load()
    expect(store.error).toMatchObject({ status: 401 })
    store.reset()
    expect(store.error).toBeNull()
    expect(store.stats).toBeNull()
  })
})
