import { beforeEach, describe, expect, it } from 'vitest'
import { mount, RouterLinkStub } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { testRouter } from '@/test/router'
import { useAuthStore } from '@/stores/auth'
import { user } from '@/test/fixtures'
import AppHeader from './AppHeader.vue'

async function mountHeader(path: string) {
  const router = await testRouter(path)
  return mount(AppHeader, { global: { plugins: [router], stubs: { RouterLink: RouterLinkStub } } })
}

describe('AppHeader', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('offers sign in and sign up to guests', async () => {
    useAuthStore().status = 'guest'
    const wrapper = await mountHeader('/')
    expect(wrapper.text()).toContain('Sign in')
    expect(wrapper.text()).toContain('Sign up')
  })

  it('drops the avatar once the session ended elsewhere, and offers the way back in', async () => {
    const auth = useAuthStore()
    auth.user = user
    auth.status = 'user'
    auth.sessionEnded()
    const wrapper = await mountHeader('/albums')
    expect(wrapper.find('[data-testid="account-link"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('Sign in')
  })

  it('shows the signed-in user, and marks History current on an item page', async () => {
    const auth = useAuthStore()
    auth.user = user
    auth.status = 'user'
    const wrapper = await mountHeader('/history/c1')
    expect(wrapper.get('[data-testid="account-link"]').text()).toContain('ada')
    const current = wrapper.findAll('.app-nav-link').filter((link) => link.attributes('aria-current') === 'page')
    expect(current.map((link) => link.text())).toEqual(['History'])
  })
})
