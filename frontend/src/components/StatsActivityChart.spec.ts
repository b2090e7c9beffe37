import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { useChartTheme } from '@/composables/useChartTheme'
import StatsActivityChart from './StatsActivityChart.vue'

// Chart.js needs a real canvas; the chart itself is replaced, the data and options handed to it are checked.
vi.mock('vue-chartjs', async () => {
  const { defineComponent, h } = await import('vue')
  return { Bar: defineComponent({ name: 'BarChartStub', props: { data: { type: Object, required: true }, options: { type: Object, required: true } }, setup: () => () => h('div') }) }
})

const days = [
  { date: '2026-11-25', count: 25, correct: 1, wrong: 2 },
  { date: '2026-11-24', count: 5, correct: 2, wrong: 1 },
]

/** The 30 days the API sends, oldest first, today last. */
const month = Array.from({ length: 30 }, (_, index) => ({
  date: new Date(Date.UTC(2026, 10, 25 - 29 + index)).toISOString().slice(0, 10),
  count: index === 29 ? 25 : 0,
  correct: 0,
  wrong: 0,
}))

type Options = { scales: { x: { stacked: boolean; ticks: { autoSkip: boolean; callback: (value: number, index: number) => string | null } }; y: { stacked: boolean } } }
const mountChart = (input = days) => mount(StatsActivityChart, { props: { days: input } }).getComponent({ name: 'BarChartStub' })

describe('StatsActivityChart', () => {
  it('draws one stacked bar a day, split into correct, wrong and no feedback, and the same numbers as a table', () => {
    const theme = useChartTheme()
    const wrapper = mount(StatsActivityChart, { props: { days } })
    const data = wrapper.getComponent({ name: 'BarChartStub' }).props('data') as {
      labels: string[]
      datasets: { label: string; data: number[]; backgroundColor: string; stack: string }[]
    }
    expect(data.datasets.map((set) => [set.label, set.data, set.backgroundColor])).toEqual([
      ['Marked correct', [2, 1], theme.colors.correct],
      ['Marked wrong', [1, 2], theme.colors.wrong],
      ['No feedback', [2, 22], theme.colors.pictures],
    ])
    expect(new Set(data.datasets.map((set) => set.stack)).size).toBe(1)
    const rows = wrapper.findAll('tbody tr').map((row) => row.findAll('td').map((cell) => cell.text()))
    expect(rows.map((row) => row.slice(1))).toEqual([
      ['5', '2', '1'],
      ['25', '1', '2'],
    ])
  })

  it('names today "Today" and always labels it, with every seventh day before it', () => {
    const chart = mountChart(month)
    const data = chart.props('data') as { labels: string[] }
    expect(data.labels.at(-1)).toBe('Today')
    const options = chart.props('options') as Options
    expect(options.scales.x.stacked).toBe(true)
    expect(options.scales.y.stacked).toBe(true)
    expect(options.scales.x.ticks.autoSkip).toBe(false)
    const shown = data.labels.map((_, index) => options.scales.x.ticks.callback(index, index)).filter((tick) => tick !== null)
    expect(shown).toHaveLength(5)
    expect(shown.at(-1)).toBe('Today')
    expect(options.scales.x.ticks.callback(28, 28)).toBeNull()
  })
})
