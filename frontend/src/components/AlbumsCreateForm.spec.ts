import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { problem, stubFetch } from '@/test/fetchStub'
import { album } from '@/test/fixtures'
import { setCookie } from '@/test/setup'
import { useAlbumsStore } from '@/stores/albums'
import AlbumsCreateForm from './AlbumsCreateForm.vue'

describe('AlbumsCreateForm', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    setCookie('XSRF-TOKEN', 't')
  })

  it('asks for a name before sending anything', async () => {
    const { calls } = stubFetch({})
    const wrapper = mount(AlbumsCreateForm)
    await wrapper.get('form').trigger('submit')
    expect(wrapper.get('[role="alert"]').text()).toBe('Give the album a name.')
    expect(calls).toHaveLength(0)
  })

  it('creates the album, lists it and empties the form', async () => {
    stubFetch({ 'POST /api/albums': { status: 201, body: album({ name: 'Garden birds' }) } })
    const wrapper = mount(AlbumsCreateForm)
    await wrapper.get('[data-testid="album-name"]').setValue('Garden birds')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(useAlbumsStore().albums.map((a) => a.name)).toEqual(['Garden birds'])
    expect((wrapper.get('[data-testid="album-name"]').element as HTMLInputElement).value).toBe('')
  })

  it('shows the API’s message for the name field', async () => {
    stubFetch({ 'POST /api/albums': problem(400, 'validation-failed', { errors: [{ field: 'name', message: 'That name is too long.' }] }) })
    const wrapper = mount(AlbumsCreateForm)
    await wrapper.get('[data-testid="album-name"]').setValue('x')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[role="alert"]').text()).toBe('That name is too long.')
  })

  it('shows a name that is taken (any case, any spaces) beside the name field, before and after asking the API', async () => {
    const { calls } = stubFetch({ 'POST /api/albums': problem(409, 'album-name-taken', { detail: 'An album with that name exists.' }) })
    useAlbumsStore().albums = [album({ name: 'Zoo' })]
    const wrapper = mount(AlbumsCreateForm)
    await wrapper.get('[data-testid="album-name"]').setValue('  zOO ')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.get('[data-testid="album-name-error"]').text()).toBe('You already have an album called “Zoo”. Choose another name.')
    expect(wrapper.get('[data-testid="album-name"]').attributes('aria-invalid')).toBe('true')
    expect(wrapper.get('[data-testid="album-name"]').attributes('aria-describedby')).toBe('album-name-error')
    expect(calls).toHaveLength(0)

    // One the list here does not know yet (made in another tab): the API's 409 lands in the same place.
    await wrapper.get('[data-testid="album-name"]').setValue('Garden')
    expect(wrapper.find('[data-testid="album-name-error"]').exists()).toBe(false)
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(calls).toHaveLength(1)
    expect(wrapper.get('[data-testid="album-name-error"]').text()).toBe('You already have an album called “Garden”. Choose another name.')
  })
})
