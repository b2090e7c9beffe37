import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { useChartTheme } from '@/composables/useChartTheme'
import StatsLabelsChart from './StatsLabelsChart.vue'

// Chart.js needs a real canvas; the chart itself is replaced, the data and options handed to it are checked.
vi.mock('vue-chartjs', async () => {
  const { defineComponent, h } = await import('vue')
  return { Bar: defineComponent({ name: 'BarChartStub', props: { data: { type: Object, required: true }, options: { type: Object, required: true } }, setup: () => () => h('div') }) }
})

const label = (name: string, count: number) => ({ label: name, count, withFeedback: 0, correct: 0, accuracy: null })

describe('StatsLabelsChart', () => {
  it('draws the twelve most frequent labels, most first, readable, and lists them as a table', () => {
    const labels = [label('tabby_cat', 2), ...Array.from({ length: 12 }, (_, index) => label(`l${index}`, 10 + index))]
    const wrapper = mount(StatsLabelsChart, { props: { labels } })
    const data = wrapper.getComponent({ name: 'BarChartStub' }).props('data') as { labels: string[]; datasets: { data: number[] }[] }
    expect(data.labels).toHaveLength(12)
    expect(data.labels[0]).toBe('l11')
    expect(data.datasets[0]?.data[0]).toBe(21)
    expect(data.labels).not.toContain('tabby cat')
    const few = mount(StatsLabelsChart, { props: { labels: [label('tabby_cat', 2)] } })
    expect(few.get('tbody').text()).toContain('tabby cat')
  })

  it('lays the bars sideways: counts along the bottom from zero in whole numbers, labels down the side without grid lines', () => {
    const theme = useChartTheme()
    const options = mount(StatsLabelsChart, { props: { labels: [label('cat', 1)] } }).getComponent({ name: 'BarChartStub' }).props('options') as {
      indexAxis: string
      scales: unknown
    }
    expect(options.indexAxis).toBe('y')
    expect(options.scales).toEqual({
      x: { beginAtZero: true, ticks: { color: theme.text, precision: 0 }, grid: { color: theme.grid }, border: { display: false } },
      y: { ticks: { color: theme.text }, grid: { display: false }, border: { display: false } },
    })
  })
})
