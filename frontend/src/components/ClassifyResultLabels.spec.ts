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
})
