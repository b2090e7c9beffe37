import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { RouteLocationNormalized } from 'vue-router'
import { problem, stubFetch } from '@/test/fetchStub'
import { user } from '@/test/fixtures'
import { accessGuard, routes, safeRedirect } from './index'

const to = (name: string, fullPath: string, query: Record<string, string> = {}) => {
  const route = routes.find((r) => r.name === name)!
  return { name, fullPath, query, meta: route.meta } as unknown as RouteLocationNormalized
}

describe('router', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('sends guests from the account page to sign in, and back afterwards', async () => {
    stubFetch({ 'GET /api/auth/me': problem(401, 'not-authenticated') })
    expect(await accessGuard(to('account', '/account'))).toEqual({ name: 'sign-in', query: { redirect: '/account' } })
    expect(await accessGuard(to('classify', '/'))).toBe(true)
  })

  it('sends signed-in people away from sign-in to where they were going', async () => {
    stubFetch({ 'GET /api/auth/me': { body: user } })
    expect(await accessGuard(to('sign-in', '/sign-in?redirect=/stats', { redirect: '/stats' }))).toBe('/stats')
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
