import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { album } from '@/test/fixtures'
import HistoryBulkBar from './HistoryBulkBar.vue'

const albums = [album({ id: 'a1', name: 'Zoo', itemCount: 3 }), album({ id: 'a2', name: 'Garden', itemCount: 1 })]

describe('HistoryBulkBar', () => {
  it('says how many are selected, lists albums with their counts, and files into the chosen one', async () => {
    const wrapper = mount(HistoryBulkBar, { props: { count: 2, albums } })
    expect(wrapper.get('#bulk-count').text()).toBe('2 pictures selected')
    expect(wrapper.findAll('option').map((option) => option.text())).toEqual([
      'Choose an album…',
      'Zoo (3 pictures)',
      'Garden (1 picture)',
      'Not in an album (take out)',
    ])
    expect(wrapper.get('[data-testid="bulk-file"]').attributes('disabled')).toBeDefined()
    await wrapper.get('[data-testid="bulk-album"]').setValue('a2')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.emitted('file')).toEqual([['a2']])
  })

  it('takes pictures out of their album, asks the page to delete, and clears the selection', async () => {
    const wrapper = mount(HistoryBulkBar, { props: { count: 1, albums } })
    await wrapper.get('[data-testid="bulk-album"]').setValue('out')
    expect(wrapper.get('[data-testid="bulk-file"]').text()).toBe('Take out')
    await wrapper.get('form').trigger('submit')
    await wrapper.get('[data-testid="bulk-delete"]').trigger('click')
    await wrapper.findAll('button').find((button) => button.text() === 'Clear selection')!.trigger('click')
    expect(wrapper.emitted('file')).toEqual([[null]])
    expect(wrapper.emitted('delete')).toHaveLength(1)
    expect(wrapper.emitted('clear')).toHaveLength(1)
  })
})
