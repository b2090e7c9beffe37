import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { useAuthStore } from '@/stores/auth'
import { useToastStore } from '@/stores/toasts'
import { problem, stubFetch } from '@/test/fetchStub'
import { album, user } from '@/test/fixtures'
import { testRouter } from '@/test/router'
import { setCookie } from '@/test/setup'
import AlbumsView from './AlbumsView.vue'

async function mountView() {
  const pinia = createPinia()
  setActivePinia(pinia)
  const auth = useAuthStore()
  auth.user = user
  auth.status = 'user'
  const router = await testRouter('/albums')
  const wrapper = mount(AlbumsView, { global: { plugins: [pinia, router] }, attachTo: document.body })
  await flushPromises()
  await wrapper.get('button[aria-label="Delete Cats"]').trigger('click')
  await flushPromises()
  return wrapper
}

const inModel = problem(409, 'album-in-custom-model', { models: [{ id: 'm1', name: 'Birds' }] })

describe('AlbumsView: deleting an album that is a class of a custom model', () => {
  beforeEach(() => setCookie('XSRF-TOKEN', 't'))

  it('asks what to do, names the model, and on "remove the class and delete" retries with customModels=remove-class', async () => {
    const { calls } = stubFetch({
      'GET /api/albums': { body: [album({ itemCount: 3 })] },
      'DELETE /api/albums/a1': (call) => (call.search.get('customModels') === 'remove-class' ? { status: 204 } : inModel),
    })
    const wrapper = await mountView()
    await wrapper.get('dialog form').trigger('submit')
    await flushPromises()
    const deletes = () => calls.filter((call) => call.method === 'DELETE')
    expect(deletes()).toHaveLength(1)
    expect(deletes()[0]!.search.has('customModels')).toBe(false)
    const why = wrapper.get('[data-testid="album-in-models"]')
    expect(why.attributes('role')).toBe('alert')
    expect(why.text()).toContain('This album is a class of Birds.')
    expect(why.get('a').attributes('href')).toBe('/models/m1')
    const confirm = wrapper.get('[data-testid="confirm"]')
    expect(confirm.text()).toBe('Remove the class from “Birds” and delete')
    await wrapper.get('dialog form').trigger('submit')
    await flushPromises()
    expect(deletes()).toHaveLength(2)
    expect(deletes()[1]!.search.get('customModels')).toBe('remove-class')
    expect(wrapper.findAll('[data-testid="album-card"]')).toHaveLength(0)
    expect(useToastStore().toasts.at(-1)?.message).toContain('Album “Cats” deleted and taken out of “Birds”.')
    expect((wrapper.get('dialog').element as HTMLDialogElement).open).toBe(false)
    wrapper.unmount()
  })

  it('cancel keeps the album and the model as they are', async () => {
    const { calls } = stubFetch({ 'GET /api/albums': { body: [album()] }, 'DELETE /api/albums/a1': inModel })
    const wrapper = await mountView()
    await wrapper.get('dialog form').trigger('submit')
    await flushPromises()
    await wrapper.findAll('dialog button').find((button) => button.text() === 'Cancel')!.trigger('click')
    await flushPromises()
    expect(calls.filter((call) => call.method === 'DELETE')).toHaveLength(1)
    expect(wrapper.findAll('[data-testid="album-card"]')).toHaveLength(1)
    expect(wrapper.find('[data-testid="album-in-models"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('an album in no model is deleted at once, as before', async () => {
    const { calls } = stubFetch({ 'GET /api/albums': { body: [album()] }, 'DELETE /api/albums/a1': { status: 204 } })
    const wrapper = await mountView()
    await wrapper.get('dialog form').trigger('submit')
    await flushPromises()
    expect(calls.filter((call) => call.method === 'DELETE')).toHaveLength(1)
    expect(useToastStore().toasts.at(-1)?.message).toBe('Album “Cats” deleted. Its pictures stay in your history.')
    wrapper.unmount()
  })
})
