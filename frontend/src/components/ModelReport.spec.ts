import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { version } from '@/test/customModelFixtures'
import { testRouter } from '@/test/router'
import ModelReport from './ModelReport.vue'

async function mountReport(v = version()) {
  setActivePinia(createPinia())
  const router = await testRouter('/models/m1')
  // The heatmap needs a real canvas; its table equivalent is what is checked here.
  return mount(ModelReport, { props: { version: v, active: true }, global: { plugins: [router], stubs: { ModelConfusionChart: true } } })
}

describe('ModelReport', () => {
  it('says the accuracy and how it was measured, per class, and the confusion matrix as a table', async () => {
    const wrapper = await mountReport()
    expect(wrapper.get('[data-testid="report-accuracy"]').text()).toBe('80%')
    expect(wrapper.get('[data-testid="report-method"]').text()).toContain('leave-one-out: each of the 30 pictures was named by a model trained on all the others')
    const rows = wrapper.findAll('[data-testid="report-classes"] tbody tr').map((row) => row.findAll('th, td').map((c) => c.text()))
    expect(rows).toEqual([
      ['beagle', '20', '85%', '85%', '85%'],
      ['basset', '10', '70%', '70%', '70%'],
    ])
    const table = wrapper.get('[data-testid="confusion-table"]')
    expect(table.findAll('thead th').map((th) => th.text())).toEqual(['Actual class', 'Named beagle', 'Named basset', 'Summary'])
    expect(table.findAll('tbody tr')[0]!.findAll('td').map((td) => td.text())).toEqual(['17', '3', 'beagle: 17 of 20 right; 3 named basset'])
  })

  it('links each wrongly named picture to its result, and copes with a deleted one', async () => {
    const wrapper = await mountReport()
    const link = wrapper.get('[data-testid="misclassified-item"] a')
    expect(link.attributes('href')).toBe('/history/p1')
    expect(link.get('img').attributes('src')).toBe('/api/classifications/p1/thumbnail')
    await link.get('img').trigger('error')
    await flushPromises()
    expect(wrapper.get('[data-testid="misclassified-gone"]').text()).toContain('picture deleted')
  })

  it('says when a version has no matrix yet (trained before reports had one)', async () => {
    const old = version({ metrics: { accuracy: 0.7, method: 'stratified 5-fold', folds: 5, perClass: [], confusionLabels: [], confusion: [], misclassified: [] } })
    const wrapper = await mountReport(old)
    expect(wrapper.find('[data-testid="confusion"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="report-no-matrix"]').text()).toContain('train again')
    expect(wrapper.get('[data-testid="report-method"]').text()).toContain('split into 5 parts')
  })

  it('names no method or folds it was not told (null in the API)', async () => {
    const unknown = version({ metrics: { accuracy: null, method: null, folds: null, perClass: [], confusionLabels: [], confusion: [], misclassified: [] } })
    const wrapper = await mountReport(unknown)
    expect(wrapper.get('[data-testid="report-method"]').text()).toContain('Measured by cross-validation.')
    expect(wrapper.get('[data-testid="report-method"]').text()).not.toContain('null')
    wrapper.unmount()
  })
})
