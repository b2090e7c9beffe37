import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { problem, stubFetch } from '@/test/fetchStub'
import { stubXhr } from '@/test/fakeXhr'
import { classification, session, user } from '@/test/fixtures'
import { setCookie } from '@/test/setup'
import { api, isRetryable } from '@/services/api'
import { useAuthStore } from './auth'
import { useHistoryStore } from './history'

const signedIn = () => ({ body: session() })
const guestSession = () => ({ body: session({ user: null }) })
const other = { ...user, id: 'u2', username: 'grace' }

describe('auth store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    setCookie('XSRF-TOKEN', 't')
  })

  afterEach(() => {
    vi.useRealTimers()
  })

  it('knows a signed-in user, the limits and the storage used from /auth/session, and never asks /auth/me', async () => {
    const { calls } = stubFetch({ 'GET /api/auth/session': signedIn() })
    const auth = useAuthStore()
    await auth.load()
    expect(auth.status).toBe('user')
    expect(auth.user?.username).toBe('ada')
    expect(auth.limits?.guestUploads).toEqual({ max: 30, windowSeconds: 3600, perAddress: true })
    expect(auth.usage?.items).toBe(12)
    expect(calls.map((call) => call.path)).toEqual(['/api/auth/session'])
  })

  it('is a guest when /auth/session has no user, and asks only once', async () => {
    const { calls } = stubFetch({ 'GET /api/auth/session': { body: session({ user: null, guest: true }) } })
    const auth = useAuthStore()
    await Promise.all([auth.load(), auth.load()])
    await auth.load()
    expect(auth.status).toBe('guest')
    expect(auth.guest).toBe(true)
    expect(auth.usage).toBeNull()
    expect(calls).toHaveLength(1)
  })

  it('treats an unreachable API at start as a guest', async () => {
    stubFetch({ 'GET /api/auth/session': problem(503, 'service-unavailable') })
    const auth = useAuthStore()
    await auth.load()
    expect(auth.status).toBe('guest')
  })

  describe('offline (a reload of the installed app without a network)', () => {
    const noNetwork = () => {
      throw new TypeError('Failed to fetch')
    }

    /** The first visit, online: the user this browser remembers. */
    async function signedInBefore() {
      setActivePinia(createPinia())
      stubFetch({ 'GET /api/auth/session': signedIn() })
      await useAuthStore().load()
      // A reload starts a new app: a new store.
      setActivePinia(createPinia())
    }

    it('keeps the last signed-in user when /auth/session gets no answer, and says the API is unreachable', async () => {
      await signedInBefore()
      const { calls } = stubFetch({ 'GET /api/auth/session': noNetwork, 'GET /api/stats': noNetwork })
      const auth = useAuthStore()
      await auth.load()
      expect(auth.status).toBe('user')
      expect(auth.isSignedIn).toBe(true)
      expect(auth.user?.username).toBe('ada')
      expect(auth.unreachable).toBe(true)
      // Requests still name the user, so the API can tell once it answers.
      await expect(api.stats.get()).rejects.toMatchObject({ slug: 'network-error' })
      expect(calls.at(-1)?.headers['X-Expected-User']).toBe('u1')
    })

    it('still signs out on a real answer once the network is back: 401 session-ended, or a session without a user', async () => {
      await signedInBefore()
      stubFetch({ 'GET /api/auth/session': noNetwork })
      const auth = useAuthStore()
      await auth.load()
      stubFetch({ 'GET /api/auth/session': signedIn(), 'GET /api/stats': problem(401, 'session-ended') })
      await expect(api.stats.get()).rejects.toMatchObject({ slug: 'session-ended' })
      expect(auth.status).toBe('signed-out')
      expect(auth.endedUser?.username).toBe('ada')

      // Signed out: the next offline reload is a guest's.
      setActivePinia(createPinia())
      stubFetch({ 'GET /api/auth/session': noNetwork })
      const reloaded = useAuthStore()
      await reloaded.load()
      expect(reloaded.status).toBe('guest')

      await signedInBefore()
      stubFetch({ 'GET /api/auth/session': noNetwork })
      const again = useAuthStore()
      await again.load()
      const stop = again.watchSession(60000)
      stubFetch({ 'GET /api/auth/session': guestSession() })
      window.dispatchEvent(new Event('online'))
      await vi.waitFor(() => expect(again.status).toBe('signed-out'))
      expect(again.unreachable).toBe(false)
      stop()
    })

    it('is a guest offline when nobody was signed in here, or the last one signed out', async () => {
      stubFetch({ 'GET /api/auth/session': noNetwork })
      const auth = useAuthStore()
      await auth.load()
      expect(auth.status).toBe('guest')
      expect(auth.unreachable).toBe(true)

      await signedInBefore()
      stubFetch({ 'GET /api/auth/session': signedIn(), 'POST /api/auth/logout': { status: 204 } })
      const first = useAuthStore()
      await first.load()
      await first.signOut()
      setActivePinia(createPinia())
      stubFetch({ 'GET /api/auth/session': noNetwork })
      const reloaded = useAuthStore()
      await reloaded.load()
      expect(reloaded.status).toBe('guest')
    })

    it('keeps no user for an answer that is an error: only no answer at all keeps one', async () => {
      await signedInBefore()
      stubFetch({ 'GET /api/auth/session': problem(503, 'service-unavailable') })
      const auth = useAuthStore()
      await auth.load()
      expect(auth.status).toBe('guest')
      expect(auth.unreachable).toBe(false)
    })
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
      'GET /api/auth/session': signedIn(),
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
      'GET /api/auth/session',
      'POST /api/auth/logout',
      'POST /api/auth/logout-everywhere',
      'DELETE /api/account',
    ])
  })

  describe('when the session ends elsewhere', () => {
    it('names the signed-in user on every API request but the auth ones, and nobody for a guest', async () => {
      const { calls } = stubFetch({
        'GET /api/auth/session': signedIn(),
        'GET /api/albums': { body: [] },
        'POST /api/albums': { status: 201, body: {} },
        'POST /api/auth/logout': { status: 204 },
      })
      const auth = useAuthStore()
      await auth.load()
      await api.albums.list()
      await api.albums.create({ name: 'Zoo' })
      await auth.signOut()
      await api.albums.list()
      expect(calls.map((call) => [`${call.method} ${call.path}`, call.headers['X-Expected-User']])).toEqual([
        ['GET /api/auth/session', undefined],
        ['GET /api/albums', 'u1'],
        ['POST /api/albums', 'u1'],
        ['POST /api/auth/logout', undefined],
        ['GET /api/albums', undefined],
      ])
    })

    it('switches to signed out on a 401 session-ended, forgets the person’s data, and the request still fails', async () => {
      stubFetch({ 'GET /api/auth/session': signedIn(), 'GET /api/stats': problem(401, 'session-ended') })
      const auth = useAuthStore()
      await auth.load()
      const history = useHistoryStore()
      history.items = [classification()]
      await expect(api.stats.get()).rejects.toMatchObject({ slug: 'session-ended' })
      expect(auth.status).toBe('signed-out')
      expect(auth.signedOut).toBe(true)
      expect(auth.isSignedIn).toBe(false)
      expect(auth.user).toBeNull()
      expect(auth.endedUser?.username).toBe('ada')
      expect(history.items).toEqual([])
    })

    it('takes a 401 not-authenticated to a request made as the user the same way, but not one made as a guest', async () => {
      stubFetch({ 'GET /api/auth/session': guestSession(), 'GET /api/stats': problem(401, 'not-authenticated') })
      const auth = useAuthStore()
      await auth.load()
      await expect(api.stats.get()).rejects.toMatchObject({ status: 401 })
      expect(auth.status).toBe('guest')

      stubFetch({ 'GET /api/auth/session': signedIn(), 'GET /api/stats': problem(401, 'not-authenticated') })
      await auth.load(true)
      await expect(api.stats.get()).rejects.toMatchObject({ status: 401 })
      expect(auth.status).toBe('signed-out')
    })

    it('notices /auth/session turning into a guest when the tab gets focus again', async () => {
      let current = session()
      stubFetch({ 'GET /api/auth/session': () => ({ body: current }) })
      const auth = useAuthStore()
      await auth.load()
      const stop = auth.watchSession(60000)
      current = session({ user: null })
      window.dispatchEvent(new Event('focus'))
      await vi.waitFor(() => expect(auth.status).toBe('signed-out'))
      stop()
    })

    it('asks again on the first click or key after a while in use, never on a timer, and not in a hidden tab', async () => {
      vi.useFakeTimers()
      let current = session()
      const { calls } = stubFetch({ 'GET /api/auth/session': () => ({ body: current }) })
      const auth = useAuthStore()
      await auth.load()
      const stop = auth.watchSession(60000)
      // Unattended: no look however long, so the API's idle timeout can run.
      await vi.advanceTimersByTimeAsync(10 * 60000)
      expect(calls).toHaveLength(1)
      // Hidden: input does not count either.
      const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden')
      window.dispatchEvent(new KeyboardEvent('keydown'))
      expect(calls).toHaveLength(1)
      visibility.mockReturnValue('visible')
      current = session({ user: null })
      window.dispatchEvent(new Event('pointerdown'))
      await vi.advanceTimersByTimeAsync(0)
      expect(calls).toHaveLength(2)
      expect(auth.status).toBe('signed-out')
      // At most once per interval while in use, and no more once signed out.
      window.dispatchEvent(new KeyboardEvent('keydown'))
      await vi.advanceTimersByTimeAsync(60000)
      window.dispatchEvent(new KeyboardEvent('keydown'))
      expect(calls).toHaveLength(2)
      stop()
      visibility.mockRestore()
    })

    it('looks once per interval however busy the person is', async () => {
      vi.useFakeTimers()
      const { calls } = stubFetch({ 'GET /api/auth/session': signedIn() })
      const auth = useAuthStore()
      await auth.load()
      const stop = auth.watchSession(60000)
      await vi.advanceTimersByTimeAsync(60000)
      for (let i = 0; i < 5; i++) {
        window.dispatchEvent(new Event('pointerdown'))
        await vi.advanceTimersByTimeAsync(1000)
      }
      expect(calls).toHaveLength(2)
      stop()
    })

    it('keeps a network hiccup while signed in from signing the person out', async () => {
      stubFetch({ 'GET /api/auth/session': signedIn() })
      const auth = useAuthStore()
      await auth.load()
      stubFetch({ 'GET /api/auth/session': problem(502, 'server-error') })
      await auth.load(true)
      expect(auth.status).toBe('user')
    })

    it('refuses an upload instead of storing it as a guest: the upload fails with session-ended, as a retry does', async () => {
      stubFetch({ 'GET /api/auth/session': signedIn() })
      const auth = useAuthStore()
      await auth.load()
      const requests = stubXhr([
        { status: 401, body: { type: 'https://zoolens.io/problems/session-ended', status: 401, detail: 'You were signed out — sign in again.' } },
        { status: 401, body: { type: 'https://zoolens.io/problems/session-ended', status: 401 } },
      ])
      const picture = new File([new Uint8Array([1, 2, 3])], 'cat.png', { type: 'image/png' })
      const refused = await api.classifications.create({ image: picture }).catch((problem: unknown) => problem)
      expect(requests[0]?.requestHeaders['X-Expected-User']).toBe('u1')
      expect(refused).toMatchObject({ slug: 'session-ended' })
      expect(isRetryable(refused)).toBe(true)
      expect(auth.status).toBe('signed-out')
      // Until the person signs in again or chooses to go on as a guest, a retry still names the ended account.
      await expect(api.classifications.create({ image: picture })).rejects.toMatchObject({ slug: 'session-ended' })
      expect(requests[1]?.requestHeaders['X-Expected-User']).toBe('u1')
    })

    it('names the ended account on writes (not reads) until the person signs in again or goes on as a guest', async () => {
      const { calls } = stubFetch({
        'GET /api/auth/session': signedIn(),
        'GET /api/models': { body: { defaultModel: 'm', models: [] } },
        'PUT /api/classifications/c1/feedback': problem(401, 'session-ended'),
        'POST /api/auth/login': { body: user },
      })
      const auth = useAuthStore()
      await auth.load()
      auth.sessionEnded()
      await api.models.list()
      await expect(api.classifications.giveFeedback('c1', { correct: true, label: null })).rejects.toMatchObject({ slug: 'session-ended' })
      auth.continueAsGuest()
      expect(auth.status).toBe('guest')
      await api.classifications.giveFeedback('c1', { correct: true, label: null }).catch(() => undefined)
      auth.sessionEnded() // no-op for a guest
      await auth.signIn({ login: 'ada', password: 'pw' })
      expect(auth.status).toBe('user')
      expect(auth.endedUser).toBeNull()
      expect(calls.slice(1, 4).map((call) => call.headers['X-Expected-User'])).toEqual([undefined, 'u1', undefined])
    })

    it('ignores a late 401 to a request made for an earlier account once the person has signed in again', async () => {
      let answerStats: (() => void) | null = null
      stubFetch({
        'GET /api/auth/session': signedIn(),
        'GET /api/stats': () =>
          new Promise<ReturnType<typeof problem>>((resolve) => {
            answerStats = () => resolve(problem(401, 'session-ended'))
          }),
        'POST /api/auth/login': { body: other },
      })
      const auth = useAuthStore()
      await auth.load()
      const late = api.stats.get().catch(() => undefined)
      await vi.waitFor(() => expect(answerStats).not.toBeNull())
      await auth.signIn({ login: 'grace', password: 'pw' })
      answerStats!()
      await late
      expect(auth.status).toBe('user')
      expect(auth.user?.username).toBe('grace')
    })

    it('follows another account signed in in another tab, and forgets the first one’s data', async () => {
      let current = session()
      stubFetch({ 'GET /api/auth/session': () => ({ body: current }) })
      const auth = useAuthStore()
      await auth.load()
      const history = useHistoryStore()
      history.items = [classification()]
      current = session({ user: other })
      await auth.load(true)
      expect(auth.user?.username).toBe('grace')
      expect(history.items).toEqual([])
    })
  })

  it('loads the password rules once', async () => {
    const { calls } = stubFetch({ 'GET /api/auth/password-rules': { body: { minLength: 10, maxBytes: 72, rules: [] } } })
    const auth = useAuthStore()
    await auth.loadPasswordRules()
    await auth.loadPasswordRules()
    expect(auth.passwordRules?.minLength).toBe(10)
    expect(calls).toHaveLength(1)
  })
})
