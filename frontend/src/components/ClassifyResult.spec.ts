import { describe, expect, it } from 'vitest'
import { mount, RouterLinkStub } from '@vue/test-utils'
import type { Classification } from '@/services/types'
import { classification, customAnswer, unknownAnswer } from '@/test/fixtures'
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

  it('says a custom model’s unknown answer is none of its classes, its best labels only as the closest guesses', () => {
    const wrapper = mountResult(unknownAnswer(), { labels: [{ label: 'beagle', score: 0.41 }], labelTotal: 4 })
    const heading = wrapper.get('h2')
    expect(heading.text()).toBe('None of this model’s classes')
    expect(heading.attributes('id')).toBe('result-heading')
    expect(heading.attributes('tabindex')).toBe('-1')
    expect(wrapper.get('[data-testid="closest"]').text()).toBe('Closest, but not a match: beagle 41%, basset hound 30%')
    expect(wrapper.get('[data-testid="unknown-reason"]').text()).toBe('The photo looks unlike the pictures this model learned from.')
    expect(wrapper.find('[data-testid="top-label"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="nothing-found"]').exists()).toBe(false)
    expect(wrapper.text()).not.toMatch(/sure|This looks like|best guess|Nothing recognised/)
    expect(wrapper.find('[data-testid="result-labels"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('Model Shoes and bags v2')
  })

  it('lists an unknown answer’s labels only when every label is asked for, as guesses with none highlighted', async () => {
    const all = [
      { label: 'beagle', score: 0.41 },
      { label: 'basset_hound', score: 0.3 },
      { label: 'poodle', score: 0.2 },
      { label: 'husky', score: 0.09 },
    ]
    const wrapper = mountResult(unknownAnswer(), { labels: all, labelTotal: 4 })
    await wrapper.get('[data-testid="all-labels"]').trigger('click')
    expect(wrapper.emitted('update:allLabels')).toEqual([[true]])

    const expanded = mountResult(unknownAnswer(), { labels: all, labelTotal: 4, allLabels: true })
    const list = expanded.get('[data-testid="result-labels"]')
    expect(list.attributes('aria-label')).toBe('All labels, none a match')
    expect(list.findAll('li')).toHaveLength(4)
    expect(list.findAll('.highlight')).toHaveLength(0)
  })

  it('words both reasons of an unknown answer, and has a sentence when the model gave none', () => {
    const both = unknownAnswer({ reject: { reasons: ['low-similarity', 'low-probability'], similarity: 0.9, minSimilarity: 0.96, probability: 0.4, minProbability: 0.6 } })
    expect(mountResult(both).get('[data-testid="unknown-reason"]').text()).toBe(
      'The photo looks unlike the pictures this model learned from. The model could not settle on one of its classes.',
    )
    const bare = mountResult(unknownAnswer({ reject: null, hints: [] }))
    expect(bare.get('[data-testid="unknown-reason"]').text()).toBe('The model says the photo is none of the classes it knows.')
    expect(bare.get('[data-testid="closest"]').text()).toBe('No class came close.')
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

  it('names a custom model by the name the api gives, not by its classifier folder, and lists every class', () => {
    const wrapper = mountResult(customAnswer({ customModel: { id: 'm1', name: 'Birds', version: '2' } }))
    expect(wrapper.get('[data-testid="result-model"]').text()).toBe('Model Birds v2')
    expect(wrapper.findAll('[data-testid="result-labels"] li')).toHaveLength(3)
    expect(wrapper.get('[data-testid="result-labels"]').attributes('aria-label')).toBe('Every class of the model')
    expect(mountResult(customAnswer()).get('[data-testid="result-model"]').text()).toBe('Model your custom model v2')
  })
})
