import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { useChartTheme } from '@/composables/useChartTheme'
import StatsActivityChart from './StatsActivityChart.vue'

// Chart.js needs a real canvas; the chart itself is replaced, the data and options handed to it are checked.
vi.mock('vue-chartjs', async () => {
  const { defineComponent, h } = await import('vue')
  return { Line: defineComponent({ name: 'LineChartStub', props: { data: { type: Object, required: true }, options: { type: Object, required: true } }, setup: () => () => h('div') }) }
})

const days = [
  { date: '2026-11-25', count: 3, correct: 1, wrong: 0 },
  { date: '2026-11-24', count: 5, correct: 2, wrong: 1 },
]

describe('StatsActivityChart', () => {
  it('draws the days in order, with pictures, correct and wrong, and the same numbers as a table', () => {
    const wrapper = mount(StatsActivityChart, { props: { days } })
    const chart = wrapper.getComponent({ name: 'LineChartStub' })
    const data = chart.props('data') as { labels: string[]; datasets: { label: string; data: number[] }[] }
    expect(data.datasets.map((set) => [set.label, set.data])).toEqual([
      ['Pictures', [5, 3]],
      ['Correct', [2, 1]],
      ['Wrong', [1, 0]],
    ])
    expect(data.labels).toHaveLength(2)
    const rows = wrapper.findAll('tbody tr').map((row) => row.findAll('td').map((cell) => cell.text()))
    expect(rows.map((row) => row.slice(1))).toEqual([
      ['5', '2', '1'],
      ['3', '1', '0'],
    ])
  })

  it('counts pictures upwards from zero in whole numbers, one day after the other without grid lines', () => {
    const theme = useChartTheme()
    const options = mount(StatsActivityChart, { props: { days } }).getComponent({ name: 'LineChartStub' }).props('options') as { scales: unknown }
    expect(options.scales).toEqual({
      x: { ticks: { color: theme.text, maxRotation: 0, autoSkipPadding: 12 }, grid: { display: false }, border: { display: false } },
      y: { beginAtZero: true, ticks: { color: theme.text, precision: 0 }, grid: { color: theme.grid }, border: { display: false } },
    })
  })
})
