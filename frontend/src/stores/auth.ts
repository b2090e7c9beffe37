import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { config } from '@/config'
import { api, ApiProblem, type LoginRequest, type PasswordRules, type RegisterRequest, type SessionLimits, type SessionState, type SessionUsage, type User } from '@/services/api'
import type { Method } from '@/services/http'
import { useAlbumsStore } from './albums'
import { useCustomModelsStore } from './customModels'
import { useHistoryStore } from './history'
import { useStatsStore } from './stats'
import { useToastStore } from './toasts'

/**
 * `signed-out`: the app was signed in and the session ended elsewhere (sign out everywhere, idle timeout). It stays
 * so until the person signs in again or chooses to go on as a guest, and the UI says so.
 */
export type AuthStatus = 'unknown' | 'guest' | 'user' | 'signed-out'

/** Focus and visibilitychange usually come together: one check for both. */
const CHECK_GAP_MS = 2000

/**
 * The signed-in user, kept in this browser so that a reload without a network (the installed app offline) still
 * knows who it is instead of showing a guest's pages. Removed whenever the app stops being signed in.
 */
const LAST_USER_KEY = 'zoolens.lastUser'

function rememberUser(user: User | null) {
  try {
    if (user) localStorage.setItem(LAST_USER_KEY, JSON.stringify(user))
    else localStorage.removeItem(LAST_USER_KEY)
  } catch {
    // Storage unavailable (private mode, quota): an offline reload then starts as a guest, as before.
  }
}

function rememberedUser(): User | null {
  try {
    const stored = JSON.parse(localStorage.getItem(LAST_USER_KEY) ?? 'null') as Partial<User> | null
    return stored && typeof stored.id === 'string' && typeof stored.username === 'string' ? (stored as User) : null
  } catch {
    return null
  }
}

/** No answer at all (the browser is offline, or the network dropped the request), as opposed to an answer. */
const unanswered = (problem: unknown) => problem instanceof ApiProblem && (problem.slug === 'network-error' || problem.slug === 'timeout')

export const useAuthStore = defineStore('auth', () => {
  const user = ref<User | null>(null)
  const status = ref<AuthStatus>('unknown')
  /** The API knows this browser as a guest who has uploaded (a guest session exists). */
  const guest = ref(false)
  const limits = ref<SessionLimits | null>(null)
  const usage = ref<SessionUsage | null>(null)
  /** Who was signed in when the session ended, while the app is `signed-out`. */
  const endedUser = ref<User | null>(null)
  const passwordRules = ref<PasswordRules | null>(null)
  /** The last look at the session got no answer: the app goes on with what it knew (and says it is offline). */
  const unreachable = ref(false)
  let loading: Promise<void> | null = null
  let lastCheck = 0

  const isSignedIn = computed(() => status.value === 'user')
  const signedOut = computed(() => status.value === 'signed-out')

  watch(user, rememberUser, { flush: 'sync' })

  /** Data loaded for one person must not be shown to the next one. */
  function forgetPersonalData() {
    useHistoryStore().reset()
    useAlbumsStore().reset()
    useStatsStore().reset()
    useCustomModelsStore().reset()
  }

  function setUser(next: User | null) {
    user.value = next
    status.value = next ? 'user' : 'guest'
    endedUser.value = null
    guest.value = false
    if (!next) usage.value = null
  }

  /** The API no longer knows this app's user: switch to the signed-out state (once). */
  function sessionEnded() {
    if (status.value !== 'user') return
    endedUser.value = user.value
    user.value = null
    usage.value = null
    status.value = 'signed-out'
    forgetPersonalData()
  }

  function apply(session: SessionState) {
    if (session.limits) limits.value = session.limits
    usage.value = session.usage ?? null
    guest.value = session.guest
    const next = session.user
    if (next) {
      if (status.value === 'user' && user.value && user.value.id !== next.id) {
        // Someone signed in to another account in another tab of this browser (the cookie is shared).
        forgetPersonalData()
        useToastStore().info(`You are now signed in as ${next.username}.`)
      }
      user.value = next
      status.value = 'user'
      endedUser.value = null
    } else if (status.value === 'user') {
      sessionEnded()
    } else if (status.value !== 'signed-out') {
      status.value = 'guest'
    }
  }

  /**
   * What http.ts sends as `X-Expected-User`. While signed out (and not yet gone on as a guest), writes keep naming
   * the ended account, so the API refuses them instead of quietly keeping them in a guest session.
   */
  function expectedUser(method: Method, path: string): string | null {
    if (path.startsWith('/auth/')) return null
    if (status.value === 'user') return user.value?.id ?? null
    if (status.value === 'signed-out' && method !== 'GET') return endedUser.value?.id ?? null
    return null
  }

  api.auth.guardSession({
    expectedUser,
    ended: (expected) => {
      // An answer to a request made for an earlier account (before signing in again) changes nothing.
      if (expected === user.value?.id) sessionEnded()
    },
  })

  /**
   * Asks the API who is using the app (once, unless forced). A failure at start counts as guest so the app works,
   * unless there was no answer at all and this browser was signed in last: offline, it stays that user (a real
   * answer later, such as 401 `session-ended`, still signs it out).
   */
  function load(force = false): Promise<void> {
    if (status.value !== 'unknown' && !force) return Promise.resolve()
    loading ??= api.auth
      .session()
      .then((session) => {
        unreachable.value = false
        apply(session)
      })
      .catch((problem: unknown) => {
        unreachable.value = unanswered(problem)
        // Unreachable while signed in: keep what we know, the next check or request will tell.
        if (status.value !== 'unknown') return
        const known = unreachable.value ? rememberedUser() : null
        if (known) {
          user.value = known
          status.value = 'user'
        } else {
          setUser(null)
        }
      })
      .finally(() => {
        loading = null
      })
    return loading
  }

  /**
   * Notices a session that ended elsewhere or timed out: whenever the tab comes back into view or gets focus, and,
   * while signed in, on the first click or key after `intervalMs` without a look. Never on a timer: every look
   * renews the session, and an unattended tab must let the idle timeout run. Answers the function that stops it.
   */
  function watchSession(intervalMs = config.sessionCheckIntervalMs): () => void {
    const check = (gapMs: number) => {
      if (document.visibilityState === 'hidden' || status.value === 'unknown') return
      if (Date.now() - lastCheck < gapMs) return
      lastCheck = Date.now()
      void load(true)
    }
    const onReturn = () => check(CHECK_GAP_MS)
    const onInput = () => {
      if (status.value === 'user') check(intervalMs)
    }
    const input = { capture: true, passive: true } as const
    // Back online: ask at once, so a user kept from before (offline) is confirmed or signed out.
    const onOnline = () => check(0)
    window.addEventListener('focus', onReturn)
    window.addEventListener('online', onOnline)
    document.addEventListener('visibilitychange', onReturn)
    window.addEventListener('pointerdown', onInput, input)
    window.addEventListener('keydown', onInput, input)
    return () => {
      window.removeEventListener('focus', onReturn)
      window.removeEventListener('online', onOnline)
      document.removeEventListener('visibilitychange', onReturn)
      window.removeEventListener('pointerdown', onInput, input)
      window.removeEventListener('keydown', onInput, input)
    }
  }

  /** After a session ended: go on without an account, knowingly (uploads then go to a guest session). */
  function continueAsGuest() {
    if (status.value === 'signed-out') setUser(null)
  }

  async function loadPasswordRules(): Promise<PasswordRules | null> {
    passwordRules.value ??= await api.auth.passwordRules().catch(() => null)
    return passwordRules.value
  }

  async function register(input: RegisterRequest) {
    const created = await api.auth.register(input)
    forgetPersonalData()
    setUser(created)
  }

  async function signIn(input: LoginRequest) {
    const signedIn = await api.auth.login(input)
    forgetPersonalData()
    setUser(signedIn)
  }

  async function signOut(everywhere = false) {
    await (everywhere ? api.auth.logoutEverywhere() : api.auth.logout())
    forgetPersonalData()
    setUser(null)
  }

  async function deleteAccount() {
    await api.account.remove()
    forgetPersonalData()
    setUser(null)
  }

  return {
    user, status, guest, limits, usage, endedUser, passwordRules, unreachable, isSignedIn, signedOut,
    load, watchSession, sessionEnded, continueAsGuest, loadPasswordRules, register, signIn, signOut, deleteAccount,
  }
})
