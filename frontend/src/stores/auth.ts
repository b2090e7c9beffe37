import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { api, type User } from '@/services/api'
import { useAlbumsStore } from './albums'
import { useHistoryStore } from './history'
import { useStatsStore } from './stats'

export type AuthStatus = 'unknown' | 'guest' | 'user'

export const useAuthStore = defineStore('auth', () => {
  const user = ref<User | null>(null)
  const status = ref<AuthStatus>('unknown')
  let loading: Promise<void> | null = null

  const isSignedIn = computed(() => status.value === 'user')

  function setUser(next: User | null) {
    user.value = next
    status.value = next ? 'user' : 'guest'
  }

  /** Data loaded for one person must not be shown to the next one. */
  function forgetPersonalData() {
    useHistoryStore().reset()
    useAlbumsStore().reset()
    useStatsStore().reset()
  }

  /** Finds out once who is using the app; a failure counts as guest so the app still works. */
  function load(force = false): Promise<void> {
    if (status.value !== 'unknown' && !force) return Promise.resolve()
    loading ??= api.auth
      .me()
      .then(setUser)
      .catch(() => setUser(null))
      .finally(() => {
        loading = null
      })
    return loading
  }

  async function register(input: { username: string; email: string; password: string }) {
    const created = await api.auth.register(input)
    forgetPersonalData()
    setUser(created)
  }

  async function signIn(input: { login: string; password: string }) {
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

  return { user, status, isSignedIn, load, register, signIn, signOut, deleteAccount }
})
