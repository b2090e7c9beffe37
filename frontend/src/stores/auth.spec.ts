import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { problem, stubFetch } from '@/test/fetchStub'
import { classification, user } from '@/test/fixtures'
import { setCookie } from '@/test/setup'
import { useAuthStore } from './auth'
import { useHistoryStore } from './history'

describe('auth store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    setCookie('XSRF-TOKEN', 't')
  })

  it('knows a signed-in user from /auth/me', async () => {
    stubFetch({ 'GET /api/auth/me': { body: user } })
    const auth = useAuthStore()
    await auth.load()
    expect(auth.status).toBe('user')
    expect(auth.user?.username).toBe('ada')
  })

  it('treats 401 and an unreachable API alike as a guest, and asks only once', async () => {
    const { calls } = stubFetch({ 'GET /api/auth/me': problem(401, 'not-authenticated') })
    const auth = useAuthStore()
    await Promise.all([auth.load(), auth.load()])
    await auth.load()
    expect(auth.status).toBe('guest')
    expect(calls).toHaveLength(1)
  })

  it('signs up, becomes the user and forgets data loaded as a guest', async () => {
    const { calls } = stubFetch({ 'POST /api/auth/register': { status: 201, body: user } })
    const history = useHistoryStore()
    history.items = [classification()]
    const auth = useAuthStore()
    await auth.register({ username: 'ada', email: 'ada@example.org', password: 'long enough words' })
    expect(calls[0]?.body).toEqual({ username: 'ada', email: 'ada@example.org', password: 'long enough words' })
    expect(auth.isSignedIn).toBe(true)
    expect(history.items).toEqual([])
  })

  it('signs in with a username or email', async () => {
    const { calls } = stubFetch({ 'POST /api/auth/login': { body: user } })
    await useAuthStore().signIn({ login: 'ada@example.org', password: 'pw' })
    expect(calls[0]?.body).toEqual({ login: 'ada@example.org', password: 'pw' })
  })

  it('keeps the user when signing in fails', async () => {
    stubFetch({ 'POST /api/auth/login': problem(401, 'bad-credentials') })
    const auth = useAuthStore()
    await expect(auth.signIn({ login: 'ada', password: 'nope' })).rejects.toMatchObject({ slug: 'bad-credentials' })
    expect(auth.status).toBe('unknown')
  })

  it('signs out here or everywhere, and deletes the account', async () => {
    const { calls } = stubFetch({
      'GET /api/auth/me': { body: user },
      'POST /api/auth/logout': { status: 204 },
      'POST /api/auth/logout-everywhere': { status: 204 },
      'DELETE /api/account': { status: 204 },
    })
    const auth = useAuthStore()
    await auth.load()
    await auth.signOut()
    expect(auth.status).toBe('guest')
    await auth.signOut(true)
    await auth.deleteAccount()
    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      'GET /api/auth/me',
      'POST /api/auth/logout',
      'POST /api/auth/logout-everywhere',
      'DELETE /api/account',
    ])
  })
})
