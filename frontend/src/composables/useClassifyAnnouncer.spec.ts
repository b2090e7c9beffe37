import { describe, expect, it } from 'vitest'
import { defineComponent, nextTick, ref } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import type { QueueItem } from '@/stores/classify'
import { classification } from '@/test/fixtures'
import { useClassifyAnnouncer } from './useClassifyAnnouncer'

const item = (key: number, extra: Partial<QueueItem> = {}): QueueItem => ({
  key,
  file: null,
  name: `photo-${key}.jpg`,
  previewUrl: null,
  model: '',
  albumId: '',
  keepOriginal: false,
  phase: 'waiting',
  progress: 0,
  prepared: null,
  result: null,
  error: null,
  ...extra,
})

function setup(initial: QueueItem[], shown: number) {
  const items = ref(initial)
  const shownKey = ref<number | null>(shown)
  const heading = document.createElement('h2')
  heading.tabIndex = -1
  document.body.append(heading)
  let announcer!: ReturnType<typeof useClassifyAnnouncer>
  mount(defineComponent({ setup: () => ((announcer = useClassifyAnnouncer(items, shownKey, () => heading)), () => null) }))
  return { items, message: announcer.message, heading }
}

describe('useClassifyAnnouncer', () => {
  it('says when a photo starts and how it ended, naming it when there are several', async () => {
    const { items, message, heading } = setup([item(1), item(2)], 1)
    items.value[0]!.phase = 'preparing'
    await flushPromises()
    expect(message.value).toBe('photo-1.jpg: classifying…')
    items.value[0]!.result = classification({ topScore: 0.49 })
    items.value[0]!.phase = 'done'
    await flushPromises()
    expect(message.value).toBe('photo-1.jpg: Cat, 49% sure, 1 object found')
    // Another photo still waits: focus stays where it is.
    expect(document.activeElement).not.toBe(heading)
    items.value[1]!.phase = 'error'
    items.value[1]!.error = new Error('The image is 12.4 MB; at most 10 MB are accepted.')
    await flushPromises()
    expect(message.value).toBe('photo-2.jpg: That did not work. The image is 12.4 MB; at most 10 MB are accepted.')
    heading.remove()
  })

  it('moves focus to the result once the shown photo is done and nothing waits, unless someone is typing', async () => {
    const { items, heading } = setup([item(1, { phase: 'classifying' })], 1)
    const field = document.createElement('input')
    document.body.append(field)
    field.focus()
    items.value[0]!.result = classification()
    items.value[0]!.phase = 'done'
    await flushPromises()
    expect(document.activeElement).toBe(field)
    field.blur()
    items.value[0]!.phase = 'queued'
    await flushPromises()
    await nextTick()
    expect(document.activeElement).toBe(heading)
    field.remove()
    heading.remove()
  })

  it('does not repeat outcomes that were there before the page opened', async () => {
    const { items, message } = setup([item(1, { phase: 'done', result: classification() }), item(2, { phase: 'uploading' })], 2)
    items.value[1]!.result = classification({ id: 'c2', topLabel: 'dog', topScore: 0.8 })
    items.value[1]!.phase = 'done'
    await flushPromises()
    expect(message.value).toBe('photo-2.jpg: Dog, 80% sure, 1 object found')
  })
})
