import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { h } from 'vue'
import type { stubFetch } from '@/test/fetchStub'
import { mountModelSection, useModelSectionLifecycle } from '@/test/modelSection'
import { customModel, version } from '@/test/customModelFixtures'
import { useToastStore } from '@/stores/toasts'
import ModelVersionsPanel from './ModelVersionsPanel.vue'

const trained = customModel({
  activeVersion: '2',
  versions: [version({ version: '1' }), version({ version: '2', metrics: { ...version().metrics, accuracy: 0.9 } })],
})


/** The versions as the page shows them: with the model the store holds, at `path` (its query picks report and comparison). */
async function mountPanel(path: string, routes: Parameters<typeof stubFetch>[0] = {}) {
  return mountModelSection((model) => h(ModelVersionsPanel, { model }), {
    model: trained,
    routes,
    path,
    stubs: { ModelConfusionChart: true, ModelVersionStats: true },
  })
}

describe('ModelVersionsPanel', () => {
  useModelSectionLifecycle()

  it('shows the active version’s report, or the one named in the address', async () => {
    const { w, router } = await mountPanel('/models/m1')
    expect(w.get('[data-testid="report-accuracy"]').text()).toBe('90%')
    await w.get('[data-testid="version-row"][data-version="1"] [data-testid="version-show"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query.version).toBe('1')
    expect(w.get('[data-testid="report-accuracy"]').text()).toBe('80%')
  })

  it('compares the versions named in the address and deletes an inactive version after a confirmation', async () => {
    const { w, calls, router } = await mountPanel('/models/m1?compare=1,2', { 'DELETE /api/custom-models/m1/versions/1': { status: 204 } })
    expect(w.get('[data-testid="model-compare"] h2').text()).toBe('Version 1 and version 2')
    const rows = w.findAll('[data-testid="version-row"]')
    expect(rows.map((row) => row.attributes('data-version'))).toEqual(['2', '1'])
    expect(rows[0]!.find('[data-testid="version-delete"]').exists()).toBe(false)
    expect(rows[1]!.get('[data-testid="version-activate"]').text()).toContain('Roll back to this')
    await rows[1]!.get('[data-testid="version-delete"]').trigger('click')
    await flushPromises()
    await w.findAll('[data-testid="confirm"]').at(-1)!.trigger('submit')
    await flushPromises()
    expect(calls.some((c) => c.method === 'DELETE' && c.path === '/api/custom-models/m1/versions/1')).toBe(true)
    expect(w.findAll('[data-testid="version-row"]')).toHaveLength(1)
    expect(router.currentRoute.value.query.compare).toBe('2')
    expect(w.find('[data-testid="model-compare"]').exists()).toBe(false)
    expect(useToastStore().toasts.map((t) => t.message)).toEqual(['Version 1 deleted.'])
  })

  it('rolls back to an older version and says classifications use it now', async () => {
    const { w, calls } = await mountPanel('/models/m1', {
      'PUT /api/custom-models/m1/active-version': { body: { ...trained, activeVersion: '1' } },
    })
    await w.get('[data-testid="version-row"][data-version="1"] [data-testid="version-activate"]').trigger('click')
    await flushPromises()
    expect(calls.find((c) => c.method === 'PUT' && c.path === '/api/custom-models/m1/active-version')?.body).toEqual({ version: '1' })
    expect(w.get('[data-testid="version-row"][data-version="1"] .badge').text()).toBe('active')
    expect(useToastStore().toasts.map((t) => t.message)).toEqual(['Version 1 is active: classifications with “Dogs” use it now.'])
  })
})
