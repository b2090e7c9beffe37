import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { classification } from '@/test/fixtures'
import ClassifyResult from './ClassifyResult.vue'

describe('ClassifyResult', () => {
  it('names the top label with its confidence, the objects found and the model', () => {
    const wrapper = mount(ClassifyResult, { props: { classification: classification() } })
    expect(wrapper.get('[data-testid="top-label"]').text()).toBe('cat')
    expect(wrapper.text()).toContain('This looks like')
    expect(wrapper.text()).toContain('71% sure')
    expect(wrapper.text()).toContain('1 object found')
    expect(wrapper.text()).toContain('coco-centernet v1')
    expect(wrapper.findAll('[data-testid="result-labels"] li')).toHaveLength(2)
  })

  it('calls a weak answer a guess, and says when nothing was recognised', () => {
    const unsure = mount(ClassifyResult, { props: { classification: classification({ topScore: 0.3, labels: [], objects: [] }) } })
    expect(unsure.text()).toContain('Our best guess')
    expect(unsure.text()).toContain('Nothing recognisable')
  })

  it('explains a failed classification with the classifier’s detail', () => {
    const failed = classification({ status: 'FAILED', error: { type: 'https://zoolens.io/problems/corrupt-image', detail: 'The PNG is cut off.' } })
    const wrapper = mount(ClassifyResult, { props: { classification: failed, headingLevel: 'h1' } })
    expect(wrapper.get('h1').text()).toBe('Could not classify')
    expect(wrapper.text()).toContain('The PNG is cut off.')
  })
})
