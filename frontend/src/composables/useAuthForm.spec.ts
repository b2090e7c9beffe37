import { beforeEach, describe, expect, it } from 'vitest'
import { defineComponent } from 'vue'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { routes } from '@/router'
import { useToastStore } from '@/stores/toasts'
import { problem, stubFetch } from '@/test/fetchStub'
import { user } from '@/test/fixtures'
import { setCookie } from '@/test/setup'
import { useAuthForm } from './useAuthForm'

async function mountForm(path: string, fieldsBySlug: Record<string, string> = {}) {
  const router = createRouter({ history: createMemoryHistory(), routes })
  await router.push(path)
  let form!: ReturnType<typeof useAuthForm>
  const Host = defineComponent({
    setup() {
      form = useAuthForm(fieldsBySlug)
      return () => null
    },
  })
  mount(Host, { global: { plugins: [router] } })
  return { form, router }
}

describe('useAuthForm', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    setCookie('XSRF-TOKEN', 't')
  })

  it('welcomes the person by the name the API answered with and goes back where they came from', async () => {
    stubFetch({ 'POST /api/auth/login': { body: user } })
    const { form, router } = await mountForm('/sign-in?redirect=/account')
    const sent = form.submit(() => form.auth.signIn({ login: 'ada@example.org', password: 'pw' }), (name) => `Hello ${name}`)
    expect(form.busy.value).toBe(true)
    await sent
    expect(form.busy.value).toBe(false)
    expect(useToastStore().toasts).toMatchObject([{ kind: 'success', message: 'Hello ada' }])
    expect(router.currentRoute.value.fullPath).toBe('/account')
  })

  it('never follows a redirect out of the app', async () => {
    stubFetch({ 'POST /api/auth/login': { body: user } })
    const { form, router } = await mountForm('/sign-in?redirect=//evil.example')
    await form.submit(() => form.auth.signIn({ login: 'ada', password: 'pw' }), () => 'Hi')
    expect(router.currentRoute.value.fullPath).toBe('/history')
  })

  it('puts a known problem beside its field, anything else above the button, and stays on the page', async () => {
    stubFetch({
      'POST /api/auth/register': problem(409, 'username-taken'),
      'POST /api/auth/login': problem(401, 'bad-credentials'),
    })
    const { form, router } = await mountForm('/sign-up', { 'username-taken': 'username' })
    await form.submit(() => form.auth.register({ username: 'ada', email: 'ada@example.org', password: 'pw' }), () => 'Hi')
    expect(form.errors.fields.value).toEqual({ username: 'That username is already taken.' })
    expect(form.busy.value).toBe(false)
    await form.submit(() => form.auth.signIn({ login: 'ada', password: 'nope' }), () => 'Hi')
    expect(form.errors.fields.value).toEqual({})
    expect(form.errors.form.value).toBe('That username or email and password do not match.')
    expect(useToastStore().toasts).toEqual([])
    expect(router.currentRoute.value.fullPath).toBe('/sign-up')
  })
})
