import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, RouterLinkStub, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { testRouter } from '@/test/router'
import { problem, stubFetch, type RecordedCall } from '@/test/fetchStub'
import { passwordRules } from '@/test/fixtures'
import { setCookie } from '@/test/setup'
import SignUpView from './SignUpView.vue'

const rule = (code: string) => passwordRules.rules.find((item) => item.code === code)!

/** The API's judgement, as contract C: every failed rule at once. */
function judge(call: RecordedCall) {
  const { password, username } = call.body as { password: string; username?: string }
  const failed = [
    password.length < 10 && rule('min-length'),
    ['password123', 'qwertyuiop'].includes(password) && rule('not-common'),
    !!username && password.includes(username) && rule('not-personal'),
  ].filter(Boolean)
  return { body: { acceptable: failed.length === 0, failed } }
}

async function mountSignUp() {
  const router = await testRouter('/sign-up')
  const wrapper = mount(SignUpView, { global: { plugins: [router], stubs: { RouterLink: RouterLinkStub } } })
  await flushPromises()
  return wrapper
}

const states = (wrapper: VueWrapper) =>
  Object.fromEntries(wrapper.findAll('[data-testid="password-rule"]').map((item) => [item.attributes('data-code'), item.attributes('data-state')]))

describe('SignUpView password rules', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    setCookie('XSRF-TOKEN', 't')
  })

  it('lists the rules up front, described to the password field, none checked yet', async () => {
    stubFetch({ 'GET /api/auth/password-rules': { body: passwordRules } })
    const wrapper = await mountSignUp()
    expect(wrapper.findAll('[data-testid="password-rule"]').map((item) => item.text())).toEqual([
      'At least 10 characters: not checked yet',
      'At most 72 bytes: not checked yet',
      'Not a common password: not checked yet',
      'Must not contain your username or email: not checked yet',
    ])
    expect(wrapper.get('#password').attributes('aria-describedby')).toBe('password-rules')
  })

  it('checks them live once typing pauses, every failed rule at once, against the username too', async () => {
    const { calls } = stubFetch({ 'GET /api/auth/password-rules': { body: passwordRules }, 'POST /api/auth/password-check': judge })
    const wrapper = await mountSignUp()
    await wrapper.get('#username').setValue('lantern')
    await wrapper.get('#password').setValue('lan')
    // the length rule is known at once, before the API answers
    expect(states(wrapper)['min-length']).toBe('failed')
    await wrapper.get('#password').setValue('lantern')
    await vi.waitFor(() => expect(states(wrapper)['not-personal']).toBe('failed'))
    expect(states(wrapper)).toEqual({ 'min-length': 'failed', 'max-bytes': 'met', 'not-common': 'met', 'not-personal': 'failed' })
    const checks = calls.filter((call) => call.path === '/api/auth/password-check')
    expect(checks).toHaveLength(1)
    expect(checks[0]?.body).toEqual({ password: 'lantern', username: 'lantern' })
    expect(wrapper.get('[data-testid="password-rules-summary"]').text()).toBe(
      'Not met yet: At least 10 characters; Must not contain your username or email.',
    )

    await wrapper.get('#password').setValue('purple-harbor-47')
    await vi.waitFor(() => expect(states(wrapper)['min-length']).toBe('met'))
    await vi.waitFor(() => expect(Object.values(states(wrapper))).toEqual(['met', 'met', 'met', 'met']))
    expect(wrapper.get('[data-testid="password-rules-summary"]').text()).toBe('The password meets every rule.')
  })

  it('shows every rule a refused sign-up names, beside the field and in the list', async () => {
    stubFetch({
      'GET /api/auth/password-rules': { body: passwordRules },
      'POST /api/auth/password-check': problem(429, 'rate-limited'),
      'POST /api/auth/register': problem(422, 'weak-password', {
        detail: 'Choose another password.',
        errors: [
          { field: 'password', code: 'not-common', message: 'Not a common password.' },
          { field: 'password', code: 'not-personal', message: 'Must not contain your username or email.' },
        ],
      }),
    })
    const wrapper = await mountSignUp()
    await wrapper.get('#username').setValue('ada')
    await wrapper.get('#email').setValue('ada@example.org')
    await wrapper.get('#password').setValue('ada-password')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('#password-error').text()).toBe('Not a common password. Must not contain your username or email.')
    expect(states(wrapper)).toMatchObject({ 'not-common': 'failed', 'not-personal': 'failed', 'min-length': 'met' })
  })
})
