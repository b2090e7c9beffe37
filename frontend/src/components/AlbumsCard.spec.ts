import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, RouterLinkStub } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { problem, stubFetch } from '@/test/fetchStub'
import { album } from '@/test/fixtures'
import { setCookie } from '@/test/setup'
import { useAlbumsStore } from '@/stores/albums'
import AlbumsCard from './AlbumsCard.vue'

describe('AlbumsCard', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    setCookie('XSRF-TOKEN', 't')
  })

  const mountCard = () => mount(AlbumsCard, { props: { album: album({ itemCount: 1 }) }, global: { stubs: { RouterLink: RouterLinkStub } } })

  it('links to the album’s pictures and counts them', () => {
    const wrapper = mountCard()
    expect(wrapper.getComponent(RouterLinkStub).props('to')).toEqual({ name: 'history', query: { album: 'a1' } })
    expect(wrapper.text()).toContain('1 picture')
  })

  it('renames in place', async () => {
    const { calls } = stubFetch({ 'PATCH /api/albums/a1': { body: album({ name: 'House cats' }) } })
    useAlbumsStore().albums = [album()]
    const wrapper = mountCard()
    await wrapper.get('button[aria-label="Rename Cats"]').trigger('click')
    await wrapper.get('input').setValue('House cats')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(calls[0]?.body).toEqual({ name: 'House cats', description: '' })
    expect(wrapper.find('form').exists()).toBe(false)
  })

  it('leaves deleting to the page, which asks first', async () => {
    const wrapper = mountCard()
    await wrapper.get('button[aria-label="Delete Cats"]').trigger('click')
    expect(wrapper.emitted('delete')?.[0]?.[0]).toMatchObject({ id: 'a1' })
  })

  it('keeps the rename form open with the clash beside the name field: another album’s name, or the API’s 409', async () => {
    const { calls } = stubFetch({ 'PATCH /api/albums/a1': problem(409, 'album-name-taken') })
    useAlbumsStore().albums = [album(), album({ id: 'a2', name: 'Dogs' })]
    const wrapper = mountCard()
    await wrapper.get('button[aria-label="Rename Cats"]').trigger('click')
    await wrapper.get('[data-testid="album-rename"]').setValue('dogs')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.get('[data-testid="album-rename-error"]').text()).toContain('You already have an album called “Dogs”')
    expect(calls).toHaveLength(0)
    await wrapper.get('[data-testid="album-rename"]').setValue('Birds')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(calls).toHaveLength(1)
    expect(wrapper.get('[data-testid="album-rename-error"]').text()).toContain('“Birds”')
    expect(wrapper.find('form').exists()).toBe(true)
  })
})
