import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { stubFetch } from '@/test/fetchStub'
import { useAuthStore } from '@/stores/auth'
import AppOfflineBanner from './AppOfflineBanner.vue'

let wrapper: VueWrapper | null = null
const banner = () => wrapper!.find('[data-testid="offline-banner"]')

describe('AppOfflineBanner', () => {
  beforeEach(() => setActivePinia(createPinia()))
  afterEach(() => {
    wrapper?.unmount()
    wrapper = null
  })

  it('shows while the browser is offline', async () => {
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
    wrapper = mount(AppOfflineBanner)
    await flushPromises()
    expect(banner().text()).toContain('You are offline')
    onLine.mockReturnValue(true)
    window.dispatchEvent(new Event('online'))
    await flushPromises()
    expect(banner().exists()).toBe(false)
  })

  it('shows while the session check got no answer, though the browser believes it is online', async () => {
    stubFetch({
      'GET /api/auth/session': () => {
        throw new TypeError('Failed to fetch')
      },
    })
    wrapper = mount(AppOfflineBanner)
    await useAuthStore().load()
    await flushPromises()
    expect(banner().attributes('role')).toBe('status')
  })
})
