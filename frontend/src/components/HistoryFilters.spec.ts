import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { album } from '@/test/fixtures'
import HistoryFilters from './HistoryFilters.vue'

describe('HistoryFilters', () => {
  const mountFilters = () =>
    mount(HistoryFilters, { props: { filter: {}, albums: [album({ id: 'a1', name: 'Cats' })], labels: ['cat'], showAlbums: true } })

  it('emits the filter when album or feedback change', async () => {
    const wrapper = mountFilters()
    await wrapper.get('[data-testid="filter-album"]').setValue('a1')
    await wrapper.get('[data-testid="filter-feedback"]').setValue('wrong')
    expect(wrapper.emitted('change')?.at(-1)).toEqual([{ label: undefined, albumId: 'a1', feedback: 'wrong' }])
  })

  it('waits for typing to pause before filtering by label', async () => {
    vi.useFakeTimers()
    const wrapper = mountFilters()
    await wrapper.get('[data-testid="filter-label"]').setValue('ca')
    await wrapper.get('[data-testid="filter-label"]').setValue('cat ')
    expect(wrapper.emitted('change')).toBeUndefined()
    vi.advanceTimersByTime(400)
    expect(wrapper.emitted('change')).toEqual([[{ label: 'cat', albumId: undefined, feedback: undefined }]])
    vi.useRealTimers()
  })

  it('clears every filter at once and hides albums for guests', async () => {
    const wrapper = mount(HistoryFilters, { props: { filter: { label: 'cat', feedback: 'none' }, albums: [], showAlbums: false } })
    expect(wrapper.find('[data-testid="filter-album"]').exists()).toBe(false)
    await wrapper.get('button').trigger('click')
    expect(wrapper.emitted('change')?.at(-1)).toEqual([{ label: undefined, albumId: undefined, feedback: undefined }])
  })

  it('keeps the place of "Clear" while there is nothing to clear, so the bar does not shift when it appears', async () => {
    const wrapper = mount(HistoryFilters, { props: { filter: {}, albums: [], showAlbums: false } })
    const clear = wrapper.get('[data-testid="filter-clear"]')
    expect(clear.classes()).toContain('hidden')
    await wrapper.get('[data-testid="filter-feedback"]').setValue('none')
    expect(wrapper.get('[data-testid="filter-clear"]').classes()).not.toContain('hidden')
    expect(wrapper.findAll('.filters > *')).toHaveLength(3)
  })

  it('names each album with its picture count', () => {
    const wrapper = mountFilters()
    expect(wrapper.findAll('[data-testid="filter-album"] option').map((option) => option.text())).toEqual(['All albums', 'Cats (0 pictures)'])
  })
})
