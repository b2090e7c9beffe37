import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import StatsAccuracyChart from './StatsAccuracyChart.vue'

// Chart.js needs a real canvas; the chart itself is replaced, the data handed to it is checked.
vi.mock('vue-chartjs', async () => {
  const { defineComponent, h } = await import('vue')
  return { Bar: defineComponent({ name: 'BarChartStub', props: { data: { type: Object, required: true }, options: { type: Object, required: true } }, setup: () => () => h('div', { class: 'bar-stub' }) }) }
})

describe('StatsAccuracyChart', () => {
  it('draws only rows that have feedback, in percent', () => {
    const rows = [
      { name: 'cat', accuracy: 0.75, withFeedback: 4 },
      { name: 'dog', accuracy: null, withFeedback: 0 },
    ]
    const wrapper = mount(StatsAccuracyChart, { props: { title: 'Accuracy per label', rows } })
    const data = wrapper.getComponent({ name: 'BarChartStub' }).props('data') as { labels: string[]; datasets: { data: number[] }[] }
    expect(data.labels).toEqual(['cat'])
    expect(data.datasets[0]?.data).toEqual([75])
    expect(wrapper.get('table').text()).toContain('75%')
  })

  it('says what to do when there is no feedback yet', () => {
    const wrapper = mount(StatsAccuracyChart, { props: { title: 'Accuracy', rows: [] } })
    expect(wrapper.find('.bar-stub').exists()).toBe(false)
    expect(wrapper.text()).toContain('No feedback yet')
  })
})
