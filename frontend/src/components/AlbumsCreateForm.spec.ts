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
})
