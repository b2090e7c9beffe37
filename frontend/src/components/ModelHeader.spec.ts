import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { h } from 'vue'
import type { stubFetch } from '@/test/fetchStub';
import { problem } from '@/test/fetchStub'
import { mountModelSection, useModelSectionLifecycle } from '@/test/modelSection'
import { customModel } from '@/test/customModelFixtures'
import { useToastStore } from '@/stores/toasts'
import ModelHeader from './ModelHeader.vue'


/** The header as the page shows it: with the model the store holds (so a rename shows up). */
async function mountHeader(routes: Parameters<typeof stubFetch>[0] = {}) {
  return mountModelSection((model) => h(ModelHeader, { model }), { model: customModel({ activeVersion: '2' }), routes })
}

describe('ModelHeader', () => {
  useModelSectionLifecycle()

  it('names the model and says how many classes, which version is active and its backbone', async () => {
    const { w } = await mountHeader()
    expect(w.get('[data-testid="model-title"]').text()).toBe('Dogs')
    expect(w.get('.page-header p').text()).toMatch(/^2 classes ·\s+version 2 active · from coco-centernet$/)
  })

  it('renames in place: an empty name is refused on the spot, a saved one replaces the title', async () => {
    const { w, calls } = await mountHeader({ 'PATCH /api/custom-models/m1': { body: customModel({ name: 'Hounds', activeVersion: '2' }) } })
    await w.get('[data-testid="model-rename-start"]').trigger('click')
    const input = w.get<HTMLInputElement>('#model-rename')
    expect(input.element.value).toBe('Dogs')
    await input.setValue('  ')
    await w.get('[data-testid="model-rename"]').trigger('submit')
    expect(w.get('[data-testid="model-rename-error"]').text()).toBe('Give the model a name.')
    expect(input.attributes('aria-describedby')).toBe('model-rename-error')
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false)
    await input.setValue('Hounds')
    expect(w.find('[data-testid="model-rename-error"]').exists()).toBe(false)
    await w.get('[data-testid="model-rename"]').trigger('submit')
    await flushPromises()
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ name: 'Hounds' })
    expect(w.get('[data-testid="model-title"]').text()).toBe('Hounds')
    expect(useToastStore().toasts.map((t) => t.message)).toEqual(['Model renamed.'])
  })

  it('shows the api’s word on the name under the field and keeps the form open', async () => {
    const { w } = await mountHeader({
      'PATCH /api/custom-models/m1': problem(400, 'validation-failed', { errors: [{ field: 'name', message: 'That name is too long.' }] }),
    })
    await w.get('[data-testid="model-rename-start"]').trigger('click')
    await w.get('#model-rename').setValue('Hounds')
    await w.get('[data-testid="model-rename"]').trigger('submit')
    await flushPromises()
    expect(w.get('[data-testid="model-rename-error"]').text()).toBe('That name is too long.')
    expect(w.find('[data-testid="model-title"]').exists()).toBe(false)
  })

  it('deletes the model after a confirmation and goes back to the list, saying the albums stay', async () => {
    const { w, calls, router } = await mountHeader({ 'DELETE /api/custom-models/m1': { status: 204 } })
    await w.get('[data-testid="model-delete"]').trigger('click')
    await flushPromises()
    expect(w.get('#app-dialog-title').text()).toBe('Delete “Dogs”?')
    await w.get('[data-testid="confirm"]').trigger('submit')
    await flushPromises()
    expect(calls.some((c) => c.method === 'DELETE' && c.path === '/api/custom-models/m1')).toBe(true)
    expect(router.currentRoute.value.name).toBe('models')
    expect(useToastStore().toasts.map((t) => t.message)).toEqual(['Model “Dogs” deleted. Its albums and pictures stay.'])
  })
})
