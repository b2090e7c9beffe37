import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { h } from 'vue'
import type { stubFetch } from '@/test/fetchStub'
import { mountModelSection, useModelSectionLifecycle } from '@/test/modelSection'
import { album } from '@/test/fixtures'
import { customModel } from '@/test/customModelFixtures'
import { useToastStore } from '@/stores/toasts'
import ModelClasses from './ModelClasses.vue'

// a3 was deleted since: the model still names it, the albums do not hold it any more.
const albums = [album({ id: 'a1', name: 'beagle', itemCount: 20 }), album({ id: 'a2', name: 'basset', itemCount: 10 })]
const withDeleted = customModel({
  classes: [
    { albumId: 'a1', name: 'beagle' },
    { albumId: 'a2', name: 'basset' },
    { albumId: 'a3', name: null },
  ],
})


/** The section as the page shows it: with the model the store holds. */
async function mountClasses(model = withDeleted, routes: Parameters<typeof stubFetch>[0] = {}) {
  const trains: unknown[] = []
  const { w, calls } = await mountModelSection((shown) => h(ModelClasses, { model: shown, onTrain: () => trains.push(1) }), { model, albums, routes })
  return { w, calls, trains }
}

describe('ModelClasses', () => {
  useModelSectionLifecycle()

  it('takes the deleted albums out of the model, keeping the others', async () => {
    const { w, calls } = await mountClasses(withDeleted, { 'PATCH /api/custom-models/m1': { body: customModel() } })
    expect(w.findAll('[data-testid="class-row"]')).toHaveLength(3)
    await w.get('[data-testid="drop-deleted-albums"]').trigger('click')
    await flushPromises()
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ albumIds: ['a1', 'a2'] })
    expect(w.findAll('[data-testid="class-row"]')).toHaveLength(2)
    expect(w.find('[data-testid="drop-deleted-albums"]').exists()).toBe(false)
    expect(useToastStore().toasts.map((t) => t.message)).toEqual(['Deleted albums taken out of the model.'])
  })

  it('does not offer it when fewer than 2 classes would be left', async () => {
    const { w } = await mountClasses(customModel({ classes: [{ albumId: 'a1', name: 'beagle' }, { albumId: 'a3', name: null }] }))
    expect(w.find('[data-testid="drop-deleted-albums"]').exists()).toBe(false)
  })

  it('shows one class table at a time while the editor is open, and passes "train" up after a change', async () => {
    const { w, trains } = await mountClasses(customModel(), {
      'PATCH /api/custom-models/m1': {
        body: customModel({ classes: [{ albumId: 'a1', name: 'beagle' }, { albumId: 'a2', name: 'basset' }] }),
      },
    })
    await w.get('[data-testid="model-classes-edit"]').trigger('click')
    await flushPromises()
    expect(w.findAll('[data-testid="class-check"]')).toHaveLength(1)
    expect(w.find('[data-testid="drop-deleted-albums"]').exists()).toBe(false)
    await w.get('[data-testid="model-classes-editor"]').trigger('submit')
    await flushPromises()
    expect(w.findAll('[data-testid="class-check"]')).toHaveLength(1)
    await w.get('[data-testid="model-classes-train"]').trigger('click')
    expect(trains).toHaveLength(1)
  })
})
