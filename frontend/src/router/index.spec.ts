import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { RouteLocationNormalized } from 'vue-router'
import { problem, stubFetch } from '@/test/fetchStub'
import { session } from '@/test/fixtures'
import { useAuthStore } from '@/stores/auth'
import { accessGuard, routes, safeRedirect } from './index'

const to = (name: string, fullPath: string, query: Record<string, string> = {}) => {
  const route = routes.find((r) => r.name === name)!
  return { name, fullPath, query, meta: route.meta } as unknown as RouteLocationNormalized
}

describe('router', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('sends guests from the account page to sign in, and back afterwards', async () => {
    stubFetch({ 'GET /api/auth/session': { body: session({ user: null }) } })
    expect(await accessGuard(to('account', '/account'))).toEqual({ name: 'sign-in', query: { redirect: '/account' } })
    expect(await accessGuard(to('classify', '/'))).toBe(true)
  })

  it('sends signed-in people away from sign-in to where they were going', async () => {
    stubFetch({ 'GET /api/auth/session': { body: session() } })
    expect(await accessGuard(to('sign-in', '/sign-in?redirect=/stats', { redirect: '/stats' }))).toBe('/stats')
  })

  it('sends a person whose session ended elsewhere from the account page to sign in again', async () => {
    stubFetch({ 'GET /api/auth/session': { body: session() } })
    const auth = useAuthStore()
    await auth.load()
    auth.sessionEnded()
    expect(await accessGuard(to('account', '/account'))).toEqual({ name: 'sign-in', query: { redirect: '/account' } })
    expect(await accessGuard(to('sign-in', '/sign-in'))).toBe(true)
  })

  it('treats an API that cannot answer at start as a guest', async () => {
    stubFetch({ 'GET /api/auth/session': problem(503, 'service-unavailable') })
    expect(await accessGuard(to('account', '/account'))).toEqual({ name: 'sign-in', query: { redirect: '/account' } })
  })

  it('follows only paths inside the app after signing in', () => {
    expect(safeRedirect('/albums')).toBe('/albums')
    expect(safeRedirect('//evil.example')).toBe('/history')
    expect(safeRedirect('https://evil.example')).toBe('/history')
    expect(safeRedirect(undefined)).toBe('/history')
  })

  it('loads every page lazily', () => {
    expect(routes.every((route) => typeof route.component === 'function')).toBe(true)
  })
})
