import { describe, expect, it } from 'vitest'
import { mount, RouterLinkStub } from '@vue/test-utils'
import type { Classification } from '@/services/types'
import { classification } from '@/test/fixtures'
import ClassifyResult from './ClassifyResult.vue'

const mountResult = (item: Classification, props: Record<string, unknown> = {}) =>
  mount(ClassifyResult, { props: { classification: item, ...props }, global: { stubs: { RouterLink: RouterLinkStub } } })

const nothingFound = classification({
  recognised: false,
  topLabel: null,
  topScore: null,
  labels: [],
  objects: [],
  hints: [
    { label: 'orange', score: 0.19 },
    { label: 'hot_dog', score: 0.11 },
  ],
  labelCount: 80,
})

describe('ClassifyResult', () => {
  it('names the top label with its confidence, the objects found, the model and the labelled timing', () => {
    const wrapper = mountResult(classification())
    expect(wrapper.get('[data-testid="top-label"]').text()).toBe('cat')
    expect(wrapper.text()).toContain('This looks like')
    expect(wrapper.text()).toContain('71% sure')
    expect(wrapper.text()).toContain('1 object found')
    expect(wrapper.text()).toContain('Model coco-centernet v1')
    expect(wrapper.get('[data-testid="timing"]').text()).toBe('Classified in 45 ms')
    expect(wrapper.findAll('[data-testid="result-labels"] li')).toHaveLength(2)
    expect(wrapper.findAll('[data-testid="object-item"]')).toHaveLength(1)
  })

  it('calls a weak answer a guess', () => {
    const unsure = mountResult(classification({ topScore: 0.31, labels: [{ label: 'cat', score: 0.31 }] }))
    expect(unsure.text()).toContain('Our best guess')
  })

  it('says plainly that nothing was recognised, with the hints, and no made-up confidence or object count', () => {
    const wrapper = mountResult(nothingFound)
    expect(wrapper.get('h2').text()).toBe('Nothing recognised')
    expect(wrapper.get('[data-testid="hints"]').text()).toBe('Not confident, but maybe: orange 19%, hot dog 11%')
    expect(wrapper.text()).not.toMatch(/sure|Unknown|0 objects found|best guess/)
    expect(wrapper.find('[data-testid="top-label"]').exists()).toBe(false)
  })

  it('offers every label of the stored answer, and says when the threshold hides them all', async () => {
    const wrapper = mountResult(nothingFound, { labelTotal: 80 })
    const more = wrapper.get('[data-testid="all-labels"]')
    expect(more.text()).toBe('Show all 80 labels')
    await more.trigger('click')
    expect(wrapper.emitted('update:allLabels')).toEqual([[true]])

    const strict = mountResult(classification(), { labels: [], minScore: 0.8 })
    expect(strict.get('[data-testid="no-labels"]').text()).toBe('No label reaches 80%.')
  })

  it('confirms the album the upload went to, with a link to it', () => {
    const wrapper = mountResult(classification({ albumId: 'a1', album: { id: 'a1', name: 'Zoo' } }))
    expect(wrapper.get('[data-testid="result-album"]').text()).toBe('Filed into album Zoo')
    expect(wrapper.getComponent(RouterLinkStub).props('to')).toEqual({ name: 'history', query: { album: 'a1' } })
    expect(mountResult(classification()).find('[data-testid="result-album"]').exists()).toBe(false)
  })

  it('shows the objects the page passes (its threshold) and links a hovered entry to its box', async () => {
    const objects = [
      { label: 'cat', score: 0.71, box: { x: 10, y: 10, width: 100, height: 100 } },
      { label: 'dog', score: 0.4, box: { x: 200, y: 10, width: 100, height: 100 } },
    ]
    const wrapper = mountResult(classification({ objects }), { objects: objects.slice(0, 1) })
    const items = wrapper.findAll('[data-testid="object-item"]')
    expect(items.map((item) => item.text())).toEqual(['1Box 1: cat 71%'])
    await items[0]!.trigger('mouseenter')
    expect(wrapper.emitted('update:active')?.[0]?.[0]).toBe(items[0]!.attributes('data-key'))
  })

  it('explains a failed classification with the classifier’s detail', () => {
    const failed = classification({ status: 'FAILED', error: { type: 'https://zoolens.io/problems/corrupt-image', detail: 'The PNG is cut off.' } })
    const wrapper = mountResult(failed, { headingLevel: 'h1' })
    expect(wrapper.get('h1').text()).toBe('Could not classify')
    expect(wrapper.text()).toContain('The PNG is cut off.')
  })
})
