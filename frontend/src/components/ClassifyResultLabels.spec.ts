import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import ClassifyResultLabels from './ClassifyResultLabels.vue'

describe('ClassifyResultLabels', () => {
  it('lists the best labels first, up to the limit, highlighting the top one', () => {
    const labels = [
      { label: 'dog', score: 0.1 },
      { label: 'cat', score: 0.8 },
      { label: 'fox', score: 0.05 },
    ]
    const wrapper = mount(ClassifyResultLabels, { props: { labels, limit: 2 } })
    const items = wrapper.findAll('li')
    expect(items.map((item) => item.find('.confidence-label').text())).toEqual(['cat', 'dog'])
    expect(items[0]!.find('.confidence').classes()).toContain('highlight')
  })

  it('offers every label of the stored answer, then a scrollable list of them that the keyboard reaches', async () => {
    const labels = [{ label: 'cat', score: 0.8 }]
    const wrapper = mount(ClassifyResultLabels, { props: { labels, total: 80 } })
    expect(wrapper.get('[data-testid="all-labels"]').attributes('aria-expanded')).toBe('false')
    await wrapper.get('[data-testid="all-labels"]').trigger('click')
    expect(wrapper.emitted('update:expanded')).toEqual([[true]])
    await wrapper.setProps({ expanded: true, loading: true })
    expect(wrapper.get('[data-testid="all-labels"]').text()).toBe('Loading labels…')
    expect(wrapper.get('[data-testid="all-labels"]').attributes('disabled')).toBeUndefined()
    await wrapper.setProps({ loading: false, labels: Array.from({ length: 80 }, (_, index) => ({ label: `l${index}`, score: 1 - index / 100 })) })
    expect(wrapper.findAll('li')).toHaveLength(80)
    expect(wrapper.get('ol').attributes('tabindex')).toBe('0')
    expect(wrapper.get('ol').attributes('aria-label')).toBe('All labels')
    expect(wrapper.get('[data-testid="all-labels"]').text()).toBe('Show fewer labels')
  })

  it('offers no "show all" when the answer has every label already', () => {
    const wrapper = mount(ClassifyResultLabels, { props: { labels: [{ label: 'cat', score: 0.8 }], total: 1 } })
    expect(wrapper.find('[data-testid="all-labels"]').exists()).toBe(false)
  })
})
