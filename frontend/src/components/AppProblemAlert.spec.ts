import { beforeEach, describe, expect, it } from 'vitest'
import { mount, RouterLinkStub } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { ApiProblem, PROBLEM_BASE } from '@/services/problem'
import { useAuthStore } from '@/stores/auth'
import { testRouter } from '@/test/router'
import AppProblemAlert from './AppProblemAlert.vue'

const guestLimit = new ApiProblem(
  { type: `${PROBLEM_BASE}guest-limit-reached`, status: 429, limit: 30, windowSeconds: 3600, detail: 'Guests can classify 30 pictures an hour.' },
  429,
  2874,
)

async function mountAlert(error: unknown, path = '/') {
  const router = await testRouter(path)
  return mount(AppProblemAlert, {
    props: { error, title: 'That did not work', retryable: true },
    global: { plugins: [router], stubs: { RouterLink: RouterLinkStub } },
  })
}

describe('AppProblemAlert', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('turns an API problem into a readable alert with a retry button', async () => {
    const error = new ApiProblem({ type: `${PROBLEM_BASE}too-many-pixels`, title: 'Too many pixels' }, 422)
    const wrapper = mount(AppProblemAlert, { props: { error, title: 'That did not work', retryable: true } })
    expect(wrapper.get('[role="alert"]').text()).toContain('too many pixels')
    await wrapper.get('button').trigger('click')
    expect(wrapper.emitted('retry')).toHaveLength(1)
  })

  it('tells a guest over the limit how long, why, and offers sign up and sign in instead of a retry that fails again', async () => {
    useAuthStore().status = 'guest'
    const wrapper = await mountAlert(guestLimit)
    const text = wrapper.get('[role="alert"]').text()
    expect(text).toContain('You can classify again in about 48 minutes')
    expect(text).toContain('Guests can classify 30 pictures an hour from one network address')
    expect(wrapper.find('button').exists()).toBe(false)
    const links = wrapper.findAllComponents(RouterLinkStub).map((link) => [link.text(), link.props('to')])
    expect(links).toEqual([
      ['Sign up', { name: 'sign-up', query: { redirect: '/' } }],
      ['Sign in', { name: 'sign-in', query: { redirect: '/' } }],
    ])
  })

  it('offers the retry again once the person has signed in (the limit is for guests)', async () => {
    useAuthStore().status = 'user'
    const wrapper = await mountAlert(guestLimit)
    expect(wrapper.get('button').text()).toBe('Try again')
  })

  it('after a session ended elsewhere, leads to sign-in first and back here', async () => {
    useAuthStore().status = 'signed-out'
    const wrapper = await mountAlert(new ApiProblem({ type: `${PROBLEM_BASE}session-ended`, status: 401 }, 401), '/?from=x')
    expect(wrapper.text()).toContain('You were signed out — sign in again')
    expect(wrapper.get('[data-testid="problem-sign-in"]').classes()).toContain('button-primary')
    const signIn = wrapper.findAllComponents(RouterLinkStub).find((link) => link.text() === 'Sign in')
    expect(signIn?.props('to')).toEqual({ name: 'sign-in', query: { redirect: '/?from=x' } })
    expect(wrapper.find('button').exists()).toBe(false)
  })

  it('says a generic rate limit in minutes', async () => {
    const wrapper = await mountAlert(new ApiProblem({ type: `${PROBLEM_BASE}rate-limited` }, 429, 300))
    expect(wrapper.text()).toContain('Try again in about 5 minutes')
    expect(wrapper.get('button').text()).toBe('Try again')
  })

  it('takes a page’s own wording and keeps the actions of the problem behind it', async () => {
    useAuthStore().status = 'guest'
    const wrapper = await mountAlert(guestLimit)
    await wrapper.setProps({ message: 'Worded by the page.' })
    expect(wrapper.get('[role="alert"]').text()).toContain('Worded by the page.')
    expect(wrapper.find('[data-testid="problem-sign-up"]').exists()).toBe(true)
  })
})
