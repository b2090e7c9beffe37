import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { defineComponent, h } from 'vue'
import { stubFetch } from '@/test/fetchStub'
import { album } from '@/test/fixtures'
import { customModel } from '@/test/customModelFixtures'
import { setCookie } from '@/test/setup'
import { testRouter } from '@/test/router'
import { useAlbumsStore } from '@/stores/albums'
import { useCustomModelsStore } from '@/stores/customModels'
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

let wrapper: VueWrapper | null = null

/** The section as the page shows it: with the model the store holds. */
async function mountClasses(model = withDeleted, routes: Parameters<typeof stubFetch>[0] = {}) {
  const stub = stubFetch({ 'GET /api/albums': { body: albums }, ...routes })
  await useAlbumsStore().load()
  const models = useCustomModelsStore()
  models.models = [model]
  const trains: unknown[] = []
  const router = await testRouter('/models/m1')
  const Page = defineComponent({ setup: () => () => h(ModelClasses, { model: models.byId.get('m1')!, onTrain: () => trains.push(1) }) })
  wrapper = mount(Page, { global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
  return { w: wrapper, calls: stub.calls, trains }
}

describe('ModelClasses', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    setCookie('XSRF-TOKEN', 't')
  })
  afterEach(() => {
    wrapper?.unmount()
    wrapper = null
  })

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
