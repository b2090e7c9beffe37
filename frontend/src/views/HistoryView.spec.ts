import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, RouterLinkStub } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { testRouter } from '@/test/router'
import { useAuthStore } from '@/stores/auth'
import { stubFetch } from '@/test/fetchStub'
import { album, classification, user } from '@/test/fixtures'
import { setCookie } from '@/test/setup'
import HistoryView from './HistoryView.vue'

async function mountHistory() {
  const router = await testRouter('/history')
  const wrapper = mount(HistoryView, { attachTo: document.body, global: { plugins: [router], stubs: { RouterLink: RouterLinkStub } } })
  await flushPromises()
  return wrapper
}

describe('HistoryView', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    setCookie('XSRF-TOKEN', 't')
  })

  it('selects several pictures (or all on the page) and files them into an album in one request', async () => {
    const auth = useAuthStore()
    auth.user = user
    auth.status = 'user'
    const items = [classification({ id: 'c1' }), classification({ id: 'c2' }), classification({ id: 'c3' })]
    const { calls } = stubFetch({
      'GET /api/classifications': { body: { items, page: 0, size: 24, totalItems: 3, totalPages: 1 } },
      'GET /api/albums': { body: [album({ id: 'a1', name: 'Zoo', itemCount: 0 })] },
      'GET /api/models': { body: { defaultModel: 'm', models: [] } },
      'POST /api/classifications/bulk': { body: { action: 'file', updated: 2, notFound: [] } },
    })
    const wrapper = await mountHistory()
    expect(wrapper.find('[data-testid="bulk-bar"]').exists()).toBe(false)
    const boxes = wrapper.findAll('[data-testid="history-select"]')
    await boxes[0]!.setValue(true)
    await boxes[2]!.setValue(true)
    expect(wrapper.get('#bulk-count').text()).toBe('2 pictures selected')
    expect(wrapper.get('[data-testid="selection-status"]').text()).toBe('2 pictures selected')
    expect(wrapper.get('[data-testid="selection-status"]').attributes('aria-live')).toBe('polite')
    expect((wrapper.get('[data-testid="history-select-all"]').element as HTMLInputElement).indeterminate).toBe(true)
    await wrapper.get('[data-testid="bulk-album"]').setValue('a1')
    await wrapper.get('.bulk form').trigger('submit')
    await flushPromises()
    expect(calls.find((call) => call.path === '/api/classifications/bulk')?.body).toEqual({ ids: ['c1', 'c3'], action: 'file', albumId: 'a1' })
    expect(wrapper.find('[data-testid="bulk-bar"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('deletes the selected pictures only after confirming', async () => {
    const auth = useAuthStore()
    auth.user = user
    auth.status = 'user'
    let items = [classification({ id: 'c1' }), classification({ id: 'c2' })]
    const { calls } = stubFetch({
      'GET /api/classifications': () => ({ body: { items, page: 0, size: 24, totalItems: items.length, totalPages: 1 } }),
      'GET /api/albums': { body: [] },
      'GET /api/models': { body: { defaultModel: 'm', models: [] } },
      'POST /api/classifications/bulk': () => {
        items = []
        return { body: { action: 'delete', updated: 2, notFound: [] } }
      },
    })
    const wrapper = await mountHistory()
    await wrapper.get('[data-testid="history-select-all"]').setValue(true)
    expect(wrapper.get('#bulk-count').text()).toBe('2 pictures selected')
    await wrapper.get('[data-testid="bulk-delete"]').trigger('click')
    expect(calls.some((call) => call.path === '/api/classifications/bulk')).toBe(false)
    expect(wrapper.get('dialog').text()).toContain('Delete 2 pictures?')
    await wrapper.get('dialog form').trigger('submit')
    await flushPromises()
    expect(calls.find((call) => call.path === '/api/classifications/bulk')?.body).toEqual({ ids: ['c1', 'c2'], action: 'delete' })
    expect(wrapper.findAll('[data-testid="history-card"]')).toHaveLength(0)
    wrapper.unmount()
  })

  it('after a session ended elsewhere, says so instead of showing a guest’s empty history', async () => {
    const auth = useAuthStore()
    auth.user = user
    auth.status = 'user'
    auth.sessionEnded()
    const { calls } = stubFetch({ 'GET /api/models': { body: { defaultModel: 'm', models: [] } } })
    const wrapper = await mountHistory()
    expect(wrapper.get('[data-testid="signed-out-invite"]').text()).toContain('You were signed out — sign in again')
    expect(wrapper.find('[data-testid="history-card"]').exists()).toBe(false)
    expect(calls.some((call) => call.path === '/api/classifications')).toBe(false)
    wrapper.unmount()
  })
})
