import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { useAuthStore } from '@/stores/auth'
import { stubFetch } from '@/test/fetchStub'
import { customModel, stats, user } from '@/test/fixtures'
import { testRouter } from '@/test/router'
import StatsView from './StatsView.vue'

vi.mock('vue-chartjs', async () => {
  const { defineComponent, h } = await import('vue')
  return { Bar: defineComponent({ name: 'BarChartStub', props: { data: { type: Object, required: true }, options: { type: Object, required: true } }, setup: () => () => h('div', { class: 'bar-stub' }) }) }
})

async function mountView(signedIn: boolean) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const auth = useAuthStore()
  if (signedIn) {
    auth.user = user
    auth.status = 'user'
  } else auth.status = 'guest'
  const router = await testRouter('/stats')
  const wrapper = mount(StatsView, { global: { plugins: [pinia, router] } })
  await flushPromises()
  return wrapper
}

const withCustom = { ...stats, models: [...stats.models, { name: 'u-u1-m1', version: '2', count: 5, withFeedback: 4, correct: 3, accuracy: 0.75 }] }

describe('StatsView with custom models', () => {
  it('links each trained model’s version comparison, and names custom models by their name in the per-version chart', async () => {
    stubFetch({
      'GET /api/stats': { body: withCustom },
      'GET /api/custom-models': { body: [customModel({ newExamples: 1 }), customModel({ id: 'm2', name: 'Seeds', activeVersion: null })] },
    })
    const wrapper = await mountView(true)
    const section = wrapper.get('[data-testid="stats-custom-models"]')
    const links = section.findAll('a')
    expect(links.map((link) => link.text())).toEqual(['Compare the versions of Birds'])
    expect(links[0]!.attributes('href')).toBe('/models/m1#version-stats')
    expect(section.text()).toContain('(active: v2, 1 new example)')
    const charts = wrapper.findAllComponents({ name: 'BarChartStub' })
    const versionLabels = (charts.at(-1)!.props('data') as { labels: string[][] }).labels.map((label) => label[0])
    expect(versionLabels).toEqual(['coco-centernet v1', 'Birds v2'])
  })

  it('has no such section without custom models, and a guest is not asked for them', async () => {
    const { calls } = stubFetch({ 'GET /api/stats': { body: stats }, 'GET /api/custom-models': { body: [] } })
    const signedIn = await mountView(true)
    expect(signedIn.find('[data-testid="stats-custom-models"]').exists()).toBe(false)
    calls.length = 0
    const guest = await mountView(false)
    expect(guest.find('[data-testid="stats-custom-models"]').exists()).toBe(false)
    expect(calls.some((call) => call.path === '/api/custom-models')).toBe(false)
  })
})
