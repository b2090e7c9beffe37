import { beforeEach, describe, expect, it } from 'vitest'
import { mount, RouterLinkStub } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { useAuthStore } from '@/stores/auth'
import { testRouter } from '@/test/router'
import { user } from '@/test/fixtures'
import AppSessionBanner from './AppSessionBanner.vue'

async function mountBanner(path: string) {
  const router = await testRouter(path)
  return mount(AppSessionBanner, { global: { plugins: [router], stubs: { RouterLink: RouterLinkStub } } })
}

function endSession() {
  const auth = useAuthStore()
  auth.user = user
  auth.status = 'user'
  auth.sessionEnded()
  return auth
}

describe('AppSessionBanner', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('is empty while signed in or a guest, with its live region ready', async () => {
    useAuthStore().status = 'user'
    const wrapper = await mountBanner('/')
    expect(wrapper.get('[role="alert"]').text()).toBe('')
  })

  it('announces that the session ended and leads back to sign-in and to this page', async () => {
    endSession()
    const wrapper = await mountBanner('/history?label=cat')
    const alert = wrapper.get('[role="alert"]')
    expect(alert.text()).toContain('You were signed out — sign in again')
    expect(alert.text()).toContain('ada')
    expect(wrapper.getComponent(RouterLinkStub).props('to')).toEqual({ name: 'sign-in', query: { redirect: '/history?label=cat' } })
  })

  it('lets the person go on as a guest, knowingly', async () => {
    const auth = endSession()
    const wrapper = await mountBanner('/')
    await wrapper.get('[data-testid="continue-as-guest"]').trigger('click')
    expect(auth.status).toBe('guest')
    expect(wrapper.find('[data-testid="signed-out-banner"]').exists()).toBe(false)
  })

  it('leaves out its own sign-in link on the sign-in page', async () => {
    endSession()
    const wrapper = await mountBanner('/sign-in')
    expect(wrapper.find('[data-testid="signed-out-sign-in"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('You were signed out')
  })
})
