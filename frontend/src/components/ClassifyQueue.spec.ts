import { describe, expect, it } from 'vitest'
import { mount, RouterLinkStub } from '@vue/test-utils'
import { ApiProblem } from '@/services/problem'
import type { QueueItem } from '@/stores/classify'
import { classification } from '@/test/fixtures'
import ClassifyQueue from './ClassifyQueue.vue'

function item(key: number, extra: Partial<QueueItem> = {}): QueueItem {
  return {
    key,
    file: new File(['x'], `photo-${key}.jpg`, { type: 'image/jpeg' }),
    name: `photo-${key}.jpg`,
    previewUrl: `blob:${key}`,
    model: '',
    albumId: '',
    keepOriginal: false,
    phase: 'waiting',
    progress: 0,
    prepared: null,
    result: null,
    error: null,
    ...extra,
  }
}

const tooLarge = new ApiProblem({ type: 'https://zoolens.io/problems/image-too-large', title: 'x', detail: 'The image is 12.4 MB; at most 10 MB are accepted.' }, 413)

describe('ClassifyQueue', () => {
  it('lists every photo with its own status, sizes and a link to each finished result', async () => {
    const items = [
      item(1, {
        phase: 'done',
        result: classification({ id: 'r1' }),
        prepared: { blob: new Blob(), filename: 'photo-1.jpg', resized: true, original: { bytes: 14_000_000, width: 4000, height: 3000 }, sent: { bytes: 600_000, width: 2048, height: 1536 } },
      }),
      item(2, { phase: 'done', result: classification({ id: 'r2', recognised: false, topLabel: null, labels: [] }) }),
      item(3, { phase: 'uploading', progress: 0.42 }),
      item(4, { phase: 'error', error: tooLarge }),
      item(5),
    ]
    const wrapper = mount(ClassifyQueue, { props: { items, shownKey: 3 }, global: { stubs: { RouterLink: RouterLinkStub } } })
    expect(wrapper.findAll('[data-testid="queue-status"]').map((status) => status.text())).toEqual([
      'Cat, 71% sure, 1 object found',
      'Nothing recognised',
      'Uploading 42%',
      'The image is 12.4 MB; at most 10 MB are accepted.',
      'Waiting',
    ])
    expect(wrapper.text()).toContain('Sent 586 KB instead of 13.4 MB')
    expect(wrapper.text()).toContain('3 of 5 finished')
    expect(wrapper.findAllComponents(RouterLinkStub).map((link) => link.props('to'))).toEqual([
      { name: 'classification', params: { id: 'r1' } },
      { name: 'classification', params: { id: 'r2' } },
    ])
    expect(wrapper.findAll('[data-testid="queue-item"]')[2]!.attributes('aria-current')).toBe('true')

    await wrapper.findAll('[data-testid="queue-item"]')[0]!.get('button').trigger('click')
    expect(wrapper.emitted('show')).toEqual([[1]])
    await wrapper.findAll('[data-testid="queue-item"]')[3]!.findAll('button').at(-1)!.trigger('click')
    expect(wrapper.emitted('retry')).toEqual([[4]])
    await wrapper.findAll('[data-testid="queue-item"]')[4]!.findAll('button').at(-1)!.trigger('click')
    expect(wrapper.emitted('cancel')).toEqual([[5]])
    await wrapper.get('.queue-header button').trigger('click')
    expect(wrapper.emitted('cancelAll')).toHaveLength(1)
  })
})
