import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { problem, stubFetch } from '@/test/fetchStub'
import { album, classification } from '@/test/fixtures'
import { setCookie } from '@/test/setup'
import { useToastStore } from '@/stores/toasts'
import ClassificationAlbum from './ClassificationAlbum.vue'

describe('ClassificationAlbum', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    setCookie('XSRF-TOKEN', 't')
  })

  it('files the item as soon as an album is chosen', async () => {
    const { calls } = stubFetch({
      'GET /api/albums': { body: [album()] },
      'PATCH /api/classifications/c1': { body: classification({ albumId: 'a1' }) },
    })
    const wrapper = mount(ClassificationAlbum, { props: { item: classification() } })
    await flushPromises()
    await wrapper.get('select').setValue('a1')
    await flushPromises()
    expect(calls.at(-1)).toMatchObject({ method: 'PATCH', body: { albumId: 'a1' } })
    expect(useToastStore().toasts[0]?.message).toBe('Filed into the album.')
  })

  it('goes back to the previous album when filing fails', async () => {
    stubFetch({ 'GET /api/albums': { body: [album()] }, 'PATCH /api/classifications/c1': problem(404, 'not-found') })
    const wrapper = mount(ClassificationAlbum, { props: { item: classification() } })
    await flushPromises()
    await wrapper.get('select').setValue('a1')
    await flushPromises()
    expect((wrapper.get('select').element as HTMLSelectElement).value).toBe('')
    expect(useToastStore().toasts[0]?.kind).toBe('error')
  })
})
