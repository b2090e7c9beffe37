import { afterEach, beforeEach } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { defineComponent, type VNode } from 'vue'
import type { CustomModel } from '@/services/customModels'
import type { Album } from '@/services/types'
import { useAlbumsStore } from '@/stores/albums'
import { useCustomModelsStore } from '@/stores/customModels'
import { stubFetch } from './fetchStub'
import { setCookie } from './setup'
import { testRouter } from './router'

let mounted: VueWrapper | null = null

/** Fresh stores and a CSRF cookie before each test of a model page section; its mount taken down after each. */
export function useModelSectionLifecycle() {
  beforeEach(() => {
    setActivePinia(createPinia())
    setCookie('XSRF-TOKEN', 't')
  })
  afterEach(() => {
    mounted?.unmount()
    mounted = null
  })
}

/** Keeps `wrapper` unmounted by the lifecycle above (for specs that mount a section themselves). */
export function track(wrapper: VueWrapper) {
  mounted = wrapper
  return wrapper
}

interface SectionOptions {
  model: CustomModel
  /** Loaded into the albums store first (GET /api/albums), when the section shows album names and counts. */
  albums?: Album[]
  routes?: Parameters<typeof stubFetch>[0]
  path?: string
  stubs?: Record<string, boolean>
}

/**
 * A section of ModelView as the page shows it: the model held by the store (so an edit shows up), passed to
 * `render` as the page passes it, the router at `path`.
 */
export async function mountModelSection(render: (model: CustomModel) => VNode, options: SectionOptions) {
  const { model, albums, routes = {}, path = `/models/${options.model.id}`, stubs } = options
  const stub = stubFetch(albums ? { 'GET /api/albums': { body: albums }, ...routes } : routes)
  if (albums) await useAlbumsStore().load()
  const models = useCustomModelsStore()
  models.models = [model]
  const router = await testRouter(path)
  const Page = defineComponent({
    setup: () => () => {
      const current = models.byId.get(model.id)
      return current ? render(current) : null
    },
  })
  const w = track(mount(Page, { global: { plugins: [router], stubs }, attachTo: document.body }))
  await flushPromises()
  return { w, calls: stub.calls, router, models }
}
