import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { stubFetch } from '@/test/fetchStub'
import { album } from '@/test/fixtures'
import { testRouter } from '@/test/router'
import { useAlbumsStore } from '@/stores/albums'
import ModelAlbumPicker from './ModelAlbumPicker.vue'

const albums = [
  album({ id: 'a1', name: 'beagle', itemCount: 40 }),
  album({ id: 'a2', name: 'pug', itemCount: 1 }),
  album({ id: 'a3', name: 'corgi', itemCount: 12 }),
]

let wrapper: VueWrapper | null = null

async function mountPicker(picked: string[], error: string | null = null, list = albums) {
  stubFetch({ 'GET /api/albums': { body: list } })
  await useAlbumsStore().load()
  const router = await testRouter('/models')
  wrapper = mount(ModelAlbumPicker, {
    props: {
      modelValue: picked,
      'onUpdate:modelValue': (next: string[]) => wrapper!.setProps({ modelValue: next }),
      idPrefix: 'model-x',
      headingId: 'x-heading',
      legend: 'Classes',
      error,
    },
    global: { plugins: [router] },
    attachTo: document.body,
  })
  await flushPromises()
  return wrapper
}

const box = (w: VueWrapper, id: string) => w.get<HTMLInputElement>(`[data-testid="model-album"][value="${id}"]`)

describe('ModelAlbumPicker', () => {
  beforeEach(() => setActivePinia(createPinia()))
  afterEach(() => {
    wrapper?.unmount()
    wrapper = null
  })

  it('names every album checkbox by the album and its picture count, ticked as picked', async () => {
    const w = await mountPicker(['a3'])
    const labels = w.findAll('label.album-option').map((label) => label.text())
    expect(labels).toEqual(['beagle (40 pictures)', 'corgi (12 pictures)', 'pug (1 picture)'])
    // The checkbox sits inside its label: that text is its accessible name.
    expect(box(w, 'a1').element.closest('label')!.textContent!.trim()).toBe('beagle (40 pictures)')
    expect(box(w, 'a3').element.checked).toBe(true)
    expect(box(w, 'a1').element.checked).toBe(false)
  })

  it('updates the picked albums and shows their counts and warnings as they are ticked', async () => {
    const w = await mountPicker([])
    expect(w.find('[data-testid="class-check"]').exists()).toBe(false)
    await box(w, 'a1').setValue(true)
    await box(w, 'a2').setValue(true)
    expect(w.emitted('update:modelValue')!.at(-1)).toEqual([['a1', 'a2']])
    expect(w.emitted('change')).toHaveLength(2)
    expect(w.findAll('[data-testid="class-row"]').map((row) => row.text())).toEqual([
      expect.stringContaining('beagle40'),
      expect.stringContaining('pug1'),
    ])
    expect(w.get('.class-table').attributes('aria-labelledby')).toBe('x-heading')
    const kinds = () => w.findAll('[data-testid="class-warnings"] li').map((item) => item.attributes('data-kind'))
    expect(kinds()).toEqual(['too-few-pictures', 'unbalanced'])
    await box(w, 'a2').setValue(false)
    await box(w, 'a3').setValue(true)
    // 40 against 12: more than 3 times, still unbalanced; nothing blocks
    expect(kinds()).toEqual(['unbalanced'])
    await box(w, 'a1').setValue(false)
    expect(w.emitted('update:modelValue')!.at(-1)).toEqual([['a3']])
    expect(w.find('[data-testid="class-warnings"] [data-kind="unbalanced"]').exists()).toBe(false)
  })

  it('ties an error to the group, and points to the albums page when there are none', async () => {
    const w = await mountPicker([], 'Pick at least 2 albums.', [])
    expect(w.get('fieldset').attributes('aria-describedby')).toBe('model-x-albums-error')
    expect(w.get('#model-x-albums-error').text()).toBe('Pick at least 2 albums.')
    expect(w.get('[data-testid="model-x-albums-error"]').attributes('role')).toBe('alert')
    expect(w.get('fieldset a').attributes('href')).toBe('/albums')
    expect(w.findAll('[data-testid="model-album"]')).toHaveLength(0)
  })
})
