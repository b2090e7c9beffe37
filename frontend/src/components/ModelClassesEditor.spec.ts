import { describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { problem, stubFetch } from '@/test/fetchStub'
import { album } from '@/test/fixtures'
import { customModel } from '@/test/customModelFixtures'
import { track, useModelSectionLifecycle } from '@/test/modelSection'
import { testRouter } from '@/test/router'
import type { CustomModel } from '@/services/customModels'
import { useAlbumsStore } from '@/stores/albums'
import { useCustomModelsStore } from '@/stores/customModels'
import ModelClassesEditor from './ModelClassesEditor.vue'

const albums = [
  album({ id: 'a1', name: 'beagle', itemCount: 20 }),
  album({ id: 'a2', name: 'basset', itemCount: 10 }),
  album({ id: 'a3', name: 'corgi', itemCount: 12 }),
]
const model = customModel({ activeVersion: '1' })
const changed = customModel({
  activeVersion: '1',
  classes: [
    { albumId: 'a1', name: 'beagle' },
    { albumId: 'a2', name: 'basset' },
    { albumId: 'a3', name: 'corgi' },
  ],
})

let wrapper: VueWrapper | null = null

async function mountEditor(routes: Parameters<typeof stubFetch>[0] = {}) {
  const stub = stubFetch({ 'GET /api/albums': { body: albums }, ...routes })
  await useAlbumsStore().load()
  // The page holds the model in the store; the editor gets it from there, as ModelView passes it.
  const models = useCustomModelsStore()
  models.models = [model]
  const router = await testRouter('/models/m1')
  wrapper = track(mount(ModelClassesEditor, {
    props: {
      model,
      editing: false,
      'onUpdate:editing': (next: boolean) => wrapper!.setProps({ editing: next }),
    },
    global: { plugins: [router] },
    attachTo: document.body,
  }))
  await flushPromises()
  return { w: wrapper, calls: stub.calls, models }
}

const testid = (id: string) => `[data-testid="${id}"]`
const box = (w: VueWrapper, id: string) => w.get<HTMLInputElement>(`${testid('model-album')}[value="${id}"]`)
const ticked = (w: VueWrapper) => w.findAll<HTMLInputElement>(testid('model-album')).filter((b) => b.element.checked).map((b) => b.element.value).sort()

describe('ModelClassesEditor', () => {
  useModelSectionLifecycle()

  it('opens on the model’s classes, saves the new ones by PATCH, confirms, announces and offers a new version', async () => {
    const { w, calls, models } = await mountEditor({ 'PATCH /api/custom-models/m1': { body: changed } })
    expect(w.find(testid('model-classes-editor')).exists()).toBe(false)
    await w.get(testid('model-classes-edit')).trigger('click')
    await flushPromises()
    expect(w.emitted('update:editing')!.at(-1)).toEqual([true])
    const editor = w.get(testid('model-classes-editor'))
    expect(document.activeElement).toBe(editor.get('h3').element)
    expect(ticked(w)).toEqual(['a1', 'a2'])
    expect(box(w, 'a3').element.closest('label')!.textContent!.trim()).toBe('corgi (12 pictures)')

    await box(w, 'a3').setValue(true)
    expect(w.findAll('[data-testid="class-row"]')).toHaveLength(3)
    await editor.trigger('submit')
    await flushPromises()
    expect(calls.at(-1)).toMatchObject({ method: 'PATCH', path: '/api/custom-models/m1', body: { albumIds: ['a1', 'a2', 'a3'] } })
    expect(models.byId.get('m1')!.classes).toHaveLength(3)
    expect(w.find(testid('model-classes-editor')).exists()).toBe(false)
    expect(w.get(testid('model-classes-saved')).text()).toContain('Classes saved')
    expect(w.get(testid('model-classes-announcement')).text()).toBe('Classes saved: 3 classes. They count from the next training.')
    expect(w.get(testid('model-classes-announcement')).attributes('aria-live')).toBe('polite')
    const train = w.get(testid('model-classes-train'))
    expect(train.text()).toBe('Train a new version')
    expect(document.activeElement).toBe(train.element)
    await train.trigger('click')
    expect(w.emitted('train')).toHaveLength(1)
    expect(w.find(testid('model-classes-saved')).exists()).toBe(false)
  })

  it('cancels (button or Escape) without a request, restores the classes and gives focus back to the button', async () => {
    const { w, calls } = await mountEditor()
    await w.get(testid('model-classes-edit')).trigger('click')
    await flushPromises()
    await box(w, 'a1').setValue(false)
    await box(w, 'a3').setValue(true)
    await w.get(testid('model-classes-cancel')).trigger('click')
    await flushPromises()
    expect(w.find(testid('model-classes-editor')).exists()).toBe(false)
    expect(document.activeElement).toBe(w.get(testid('model-classes-edit')).element)

    await w.get(testid('model-classes-edit')).trigger('click')
    await flushPromises()
    expect(ticked(w)).toEqual(['a1', 'a2'])
    await w.get(testid('model-classes-editor')).trigger('keydown', { key: 'Escape' })
    await flushPromises()
    expect(w.find(testid('model-classes-editor')).exists()).toBe(false)
    expect(document.activeElement).toBe(w.get(testid('model-classes-edit')).element)
    expect(calls.filter((call) => call.method !== 'GET')).toEqual([])
  })

  it('asks for two albums before sending, and shows a refused save as a problem, staying open', async () => {
    const { w, calls } = await mountEditor({ 'PATCH /api/custom-models/m1': problem(422, 'album-not-found', { detail: 'An album was deleted.' }) })
    await w.get(testid('model-classes-edit')).trigger('click')
    await flushPromises()
    await box(w, 'a2').setValue(false)
    await w.get(testid('model-classes-editor')).trigger('submit')
    await flushPromises()
    expect(w.get(testid('model-classes-albums-error')).text()).toContain('at least 2 albums')
    expect(calls.filter((call) => call.method === 'PATCH')).toHaveLength(0)

    await box(w, 'a3').setValue(true)
    expect(w.find(testid('model-classes-albums-error')).exists()).toBe(false)
    await w.get(testid('model-classes-editor')).trigger('submit')
    await flushPromises()
    expect(calls.filter((call) => call.method === 'PATCH')).toHaveLength(1)
    expect(w.get(testid('problem')).attributes('data-problem')).toBe('album-not-found')
    expect(w.get(testid('problem')).text()).toContain('The classes could not be saved')
    expect(w.find(testid('model-classes-saved')).exists()).toBe(false)
    expect(ticked(w)).toEqual(['a1', 'a3'])
  })

  it('offers no training when the saved classes would be refused', async () => {
    const small: CustomModel = customModel({ classes: [{ albumId: 'a1', name: 'beagle' }, { albumId: 'a4', name: 'pug' }] })
    const { w } = await mountEditor({
      'GET /api/albums': { body: [...albums, album({ id: 'a4', name: 'pug', itemCount: 2 })] },
      'PATCH /api/custom-models/m1': { body: small },
    })
    await w.setProps({ model: small })
    await w.get(testid('model-classes-edit')).trigger('click')
    await flushPromises()
    await w.get(testid('model-classes-editor')).trigger('submit')
    await flushPromises()
    expect(w.get(testid('model-classes-saved')).text()).toContain('Fix the classes above before training')
    expect(w.find(testid('model-classes-train')).exists()).toBe(false)
    expect(document.activeElement).toBe(w.get(testid('model-classes-edit')).element)
  })
})
