// Shared unit-test setup: every test starts with a fresh cookie jar and empty local storage.
import { afterEach } from 'vitest'
import { disableAutoUnmount, enableAutoUnmount } from '@vue/test-utils'
import { api } from '@/services/api'

// Every component a test mounts is unmounted after it: test files share a worker (isolate: false), and a
// component left mounted keeps its timers and polls, whose late fetches land in the next test's fetch stub.
// The flag lives in the shared test-utils module, so each file's setup resets it before enabling it again.
disableAutoUnmount()
enableAutoUnmount(afterEach)

/** Sets a cookie the way the API does (path=/), so that clearing it below works. */
export function setCookie(name: string, value: string) {
  document.cookie = `${name}=${value}; path=/`
}

afterEach(() => {
  // An auth store installs itself as the transport's session guard; the next test starts without one.
  api.auth.guardSession(null)
  // The auth store remembers the last user for offline reloads; the next test starts without one.
  if (typeof localStorage !== 'undefined') localStorage.clear()
  if (typeof document === 'undefined') return
  for (const cookie of document.cookie.split(';')) {
    const name = cookie.split('=')[0]?.trim()
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`
  }
})
