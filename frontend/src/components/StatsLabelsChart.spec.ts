import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { useChartTheme } from '@/composables/useChartTheme'
import type { LabelStats } from '@/services/types'
import StatsLabelsChart from './StatsLabelsChart.vue'

// Chart.js needs a real canvas; the chart itself is replaced, the data and options handed to it are checked.
vi.mock('vue-chartjs', async () => {
  const { defineComponent, h } = await import('vue')
  return { Bar: defineComponent({ name: 'BarChartStub', props: { data: { type: Object, required: true }, options: { type: Object, required: true } }, setup: () => () => h('div') }) }
})

const label = (name: string, count: number): LabelStats => ({ label: name, count, withFeedback: 0, correct: 0, accuracy: null, nothingFound: false })
const nothingFound = (count: number): LabelStats => ({ label: null, count, withFeedback: 0, correct: 0, accuracy: null, nothingFound: true })
type ChartData = { labels: string[]; datasets: { data: number[]; backgroundColor: string[] }[] }
const chartData = (labels: LabelStats[]) => mount(StatsLabelsChart, { props: { labels } }).getComponent({ name: 'BarChartStub' }).props('data') as ChartData

describe('StatsLabelsChart', () => {
  it('draws the ten most frequent labels, most first, readable, the rest in one bar, and lists every label as a table', () => {
    const labels = [label('tabby_cat', 2), ...Array.from({ length: 12 }, (_, index) => label(`l${index}`, 10 + index))]
    const wrapper = mount(StatsLabelsChart, { props: { labels } })
    const data = wrapper.getComponent({ name: 'BarChartStub' }).props('data') as ChartData
    expect(data.labels).toHaveLength(11)
    expect(data.labels[0]).toBe('l11')
    expect(data.datasets[0]?.data[0]).toBe(21)
    expect(data.labels.at(-1)).toBe('Other labels (3)')
    expect(data.datasets[0]?.data.at(-1)).toBe(2 + 10 + 11)
    expect(wrapper.get('tbody').text()).toContain('tabby cat')
  })

  it('gives the pictures where nothing was found their own grey bar, last, so the bars add up to every picture', () => {
    const theme = useChartTheme()
    const labels = [label('cat', 5), label('dog', 3), nothingFound(4)]
    const wrapper = mount(StatsLabelsChart, { props: { labels } })
    const data = wrapper.getComponent({ name: 'BarChartStub' }).props('data') as ChartData
    expect(data.labels).toEqual(['cat', 'dog', 'Nothing found'])
    expect(data.datasets[0]?.data).toEqual([5, 3, 4])
    expect(data.datasets[0]?.backgroundColor).toEqual([theme.colors.pictures, theme.colors.pictures, theme.colors.nothingFound])
    expect(wrapper.text()).toContain('12 in all')
    expect(wrapper.findAll('tbody tr').at(-1)?.text()).toBe('Nothing found4')
    // none found: no empty bar
    expect(chartData([label('cat', 1)]).labels).toEqual(['cat'])
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
