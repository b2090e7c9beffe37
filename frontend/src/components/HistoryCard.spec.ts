import { describe, expect, it } from 'vitest'
import { mount, RouterLinkStub } from '@vue/test-utils'
import { classification, unknownAnswer } from '@/test/fixtures'
import HistoryCard from './HistoryCard.vue'

const mountCard = (item = classification(), albumName: string | null = null) =>
  mount(HistoryCard, { props: { item, albumName }, global: { stubs: { RouterLink: RouterLinkStub } } })

describe('HistoryCard', () => {
  it('shows thumbnail, label, confidence and feedback state', () => {
    const wrapper = mountCard(classification(), 'Cats')
    expect(wrapper.get('img').attributes('src')).toBe('/api/classifications/c1/thumbnail')
    expect(wrapper.get('.history-title').text()).toBe('cat')
    expect(wrapper.text()).toContain('71%')
    expect(wrapper.text()).toContain('No feedback')
    expect(wrapper.text()).toContain('Cats')
    expect(wrapper.getComponent(RouterLinkStub).props('to')).toEqual({ name: 'classification', params: { id: 'c1' } })
  })

  it('marks wrong answers with the right label, and queued items as queued', () => {
    const wrong = mountCard(classification({ feedback: { correct: false, label: 'dog', givenAt: '2026-11-25T20:09:00Z' } }))
    expect(wrong.get('.badge-danger').text()).toBe('Wrong · dog')
    const queued = mountCard(classification({ status: 'PENDING', topLabel: null, topScore: null }))
    expect(queued.get('.history-title').text()).toBe('Queued')
    expect(queued.get('.badge-accent').text()).toBe('Queued')
  })

  it('calls a custom model’s unknown answer none of its classes, without a confidence', () => {
    const wrapper = mountCard(unknownAnswer())
    expect(wrapper.get('.history-title').text()).toBe('None of this model’s classes')
    expect(wrapper.get('.history-title').classes()).toContain('history-title-sentence')
    expect(wrapper.find('.history-score').exists()).toBe(false)
  })

  it('has a checkbox, named after its picture, above the card link when pictures can be selected', async () => {
    expect(mountCard().find('[data-testid="history-select"]').exists()).toBe(false)
    const wrapper = mount(HistoryCard, {
      props: { item: classification(), selectable: true, selected: false },
      global: { stubs: { RouterLink: RouterLinkStub } },
    })
    const box = wrapper.get('[data-testid="history-select"]')
    expect(box.attributes('aria-label')).toMatch(/^Select cat, /)
    await box.setValue(true)
    expect(wrapper.emitted('toggle')).toEqual([[true]])
    await wrapper.setProps({ selected: true })
    expect(wrapper.get('article').classes()).toContain('selected')
  })
})
