import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { useChartTheme } from '@/composables/useChartTheme'
import { problem, stubFetch } from '@/test/fetchStub'
import ModelVersionStats from './ModelVersionStats.vue'
import ModelVersionStatsChart from './ModelVersionStatsChart.vue'

// Chart.js needs a real canvas; the chart itself is replaced, the data handed to it is checked.
vi.mock('vue-chartjs', async () => {
  const { defineComponent, h } = await import('vue')
  return { Bar: defineComponent({ name: 'BarChartStub', props: { data: { type: Object, required: true }, options: { type: Object, required: true } }, setup: () => () => h('div', { class: 'bar-stub' }) }) }
})

type ChartData = { labels: string[][]; datasets: { label: string; data: (number | null)[]; backgroundColor: string; minBarLength: number }[] }

const stats = [
  { version: '1', crossValidatedAccuracy: 0.83, feedback: 12, correct: 9, feedbackAccuracy: 0.75 },
  { version: '2', crossValidatedAccuracy: 0.86, feedback: 10, correct: 9, feedbackAccuracy: 0.9 },
  { version: '3', crossValidatedAccuracy: null, feedback: 0, correct: 0, feedbackAccuracy: null },
]

async function mountStats() {
  const wrapper = mount(ModelVersionStats, { props: { modelId: 'm1' } })
  await vi.waitFor(async () => {
    await flushPromises()
    expect(wrapper.find('.bar-stub, [data-testid="problem"], .version-stats-empty').exists()).toBe(true)
  })
  return wrapper
}

describe('ModelVersionStats', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('draws per version the cross-validated accuracy beside the feedback accuracy, with how much feedback under each', async () => {
    const { calls } = stubFetch({ 'GET /api/custom-models/m1/version-stats': { body: stats } })
    const wrapper = await mountStats()
    expect(calls[0]?.path).toBe('/api/custom-models/m1/version-stats')
    const data = wrapper.getComponent({ name: 'BarChartStub' }).props('data') as ChartData
    expect(data.labels).toEqual([
      ['v1', '9 of 12 right'],
      ['v2', '9 of 10 right'],
      ['v3', 'no feedback yet'],
    ])
    expect(data.datasets.map((set) => set.label)).toEqual(['Cross-validated', 'Your feedback'])
    expect(data.datasets[0]?.data).toEqual([83, 86, null])
    expect(data.datasets[1]?.data).toEqual([75, 90, null])
    expect(data.datasets[1]?.backgroundColor).toBe(useChartTheme().colors.correct)
    wrapper.unmount()
  })

  it('has the same numbers in a table for screen readers, and says in words whether retraining helped', async () => {
    stubFetch({ 'GET /api/custom-models/m1/version-stats': { body: stats } })
    const wrapper = await mountStats()
    const cells = wrapper.findAll('tbody tr').map((row) => row.findAll('td').map((cell) => cell.text()))
    expect(cells).toEqual([
      ['Version 1', '83%', '75% (9 of 12)'],
      ['Version 2', '86%', '90% (9 of 10)'],
      ['Version 3', '–', 'no feedback yet'],
    ])
    expect(wrapper.get('[data-testid="version-stats-summary"]').text()).toBe(
      'By your feedback, version 2 is 15 points better than version 1: 90% (9 of 10) against 75% (9 of 12).',
    )
    wrapper.unmount()
  })

  it('is honest when there is little to compare', async () => {
    stubFetch({
      'GET /api/custom-models/m1/version-stats': {
        body: [
          { version: '1', crossValidatedAccuracy: 0.8, feedback: 3, correct: 3, feedbackAccuracy: 1 },
          { version: '2', crossValidatedAccuracy: 0.82, feedback: 2, correct: 1, feedbackAccuracy: 0.5 },
        ],
      },
    })
    const wrapper = await mountStats()
    expect(wrapper.get('[data-testid="version-stats-summary"]').text()).toBe(
      'By your feedback, version 2 is 50 points worse than version 1: 50% (1 of 2) against 100% (3 of 3). Few answers so far: these figures can still change a lot.',
    )
    wrapper.unmount()

    stubFetch({ 'GET /api/custom-models/m1/version-stats': { body: [] } })
    const none = await mountStats()
    expect(none.find('.bar-stub').exists()).toBe(false)
    expect(none.get('[data-testid="version-stats-summary"]').text()).toBe('No version trained yet.')
    none.unmount()
  })

  it('offers to try again when the figures cannot be read', async () => {
    stubFetch({ 'GET /api/custom-models/m1/version-stats': problem(404, 'not-found') })
    const wrapper = await mountStats()
    expect(wrapper.get('[data-testid="problem"]').text()).toContain('This item does not exist (any more).')
    wrapper.unmount()
  })

  it('keeps a 0% bar visible as a stub', () => {
    const data = mount(ModelVersionStatsChart, { props: { rows: [{ version: '1', crossValidatedAccuracy: 0.5, feedback: 2, correct: 0, feedbackAccuracy: 0 }] } })
      .getComponent({ name: 'BarChartStub' })
      .props('data') as ChartData
    expect(data.datasets[1]?.data).toEqual([0])
    expect(data.datasets[1]?.minBarLength).toBeGreaterThanOrEqual(4)
  })
})
