import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { useChartTheme } from '@/composables/useChartTheme'
import StatsAccuracyChart from './StatsAccuracyChart.vue'

// Chart.js needs a real canvas; the chart itself is replaced, the data handed to it is checked.
vi.mock('vue-chartjs', async () => {
  const { defineComponent, h } = await import('vue')
  return { Bar: defineComponent({ name: 'BarChartStub', props: { data: { type: Object, required: true }, options: { type: Object, required: true } }, setup: () => () => h('div', { class: 'bar-stub' }) }) }
})

type ChartData = { labels: string[][]; datasets: { data: number[]; minBarLength: number; backgroundColor: string }[] }

describe('StatsAccuracyChart', () => {
  it('draws only rows that have feedback, in percent, each named with how many of how many were right', () => {
    const rows = [
      { name: 'cat', accuracy: 0.75, withFeedback: 4, correct: 3 },
      { name: 'dog', accuracy: null, withFeedback: 0, correct: 0 },
    ]
    const wrapper = mount(StatsAccuracyChart, { props: { title: 'Accuracy per label', rows } })
    const data = wrapper.getComponent({ name: 'BarChartStub' }).props('data') as ChartData
    expect(data.labels).toEqual([['cat', '3 of 4']])
    expect(data.datasets[0]?.data).toEqual([75])
    expect(data.datasets[0]?.backgroundColor).toBe(useChartTheme().colors.correct)
    expect(wrapper.get('table').text()).toContain('75%')
    expect(wrapper.get('table').text()).toContain('3 of 4')
  })

  it('keeps a 0% bar visible as a stub and shows a single sample as "1 of 1" or "0 of 1"', () => {
    const rows = [
      { name: 'dog', accuracy: 0, withFeedback: 1, correct: 0 },
      { name: 'cat', accuracy: 1, withFeedback: 1, correct: 1 },
    ]
    const data = mount(StatsAccuracyChart, { props: { title: 'Accuracy', rows } }).getComponent({ name: 'BarChartStub' }).props('data') as ChartData
    expect(data.datasets[0]?.data).toEqual([0, 100])
    expect(data.datasets[0]?.minBarLength).toBeGreaterThanOrEqual(4)
    expect(data.labels).toEqual([
      ['dog', '0 of 1'],
      ['cat', '1 of 1'],
    ])
  })

  it('says what to do when there is no feedback yet', () => {
    const wrapper = mount(StatsAccuracyChart, { props: { title: 'Accuracy', rows: [] } })
    expect(wrapper.find('.bar-stub').exists()).toBe(false)
    expect(wrapper.text()).toContain('No feedback yet')
  })
})
