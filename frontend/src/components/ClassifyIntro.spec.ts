import { beforeEach, describe, expect, it } from 'vitest'
import { mount, RouterLinkStub } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { useAuthStore } from '@/stores/auth'
import { session } from '@/test/fixtures'
import ClassifyIntro from './ClassifyIntro.vue'

const mountIntro = (guest: boolean) => mount(ClassifyIntro, { props: { guest }, global: { stubs: { RouterLink: RouterLinkStub } } })

describe('ClassifyIntro', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('states the guest limit up front, with the numbers the API sent', () => {
    const auth = useAuthStore()
    const limits = session().limits
    auth.limits = { ...limits, guestUploads: { max: 12, windowSeconds: 3600, perAddress: true }, upload: { ...limits.upload, maxBytes: 5 * 1024 * 1024 } }
    const wrapper = mountIntro(true)
    expect(wrapper.get('[data-testid="guest-limit-note"]').text()).toContain('Guests can classify 12 pictures an hour from one network address')
    expect(wrapper.text()).toContain('up to 5 MB')
  })

  it('says nothing about the guest limit to someone signed in, or before the limits are known', () => {
    useAuthStore().limits = session().limits
    expect(mountIntro(false).find('[data-testid="guest-limit-note"]').exists()).toBe(false)
    setActivePinia(createPinia())
    expect(mountIntro(true).text()).not.toContain('Guests can classify')
  })
})
