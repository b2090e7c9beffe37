import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { problem, stubFetch } from '@/test/fetchStub'
import { classification, unknownAnswer } from '@/test/fixtures'
import { setCookie } from '@/test/setup'
import { useToastStore } from '@/stores/toasts'
import ClassifyFeedback from './ClassifyFeedback.vue'

describe('ClassifyFeedback', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    setCookie('XSRF-TOKEN', 't')
  })

  it('saves "correct" and then shows that it was saved', async () => {
    const given = { correct: true, label: null, givenAt: '2026-11-25T20:09:00Z' }
    const { calls } = stubFetch({ 'PUT /api/classifications/c1/feedback': { body: classification({ feedback: given }) } })
    const wrapper = mount(ClassifyFeedback, { props: { classification: classification() } })
    await wrapper.get('[data-testid="feedback-correct"]').trigger('click')
    await flushPromises()
    expect(calls[0]?.body).toEqual({ correct: true, label: null })
    expect(useToastStore().toasts[0]?.message).toMatch(/feedback was saved/)
    await wrapper.setProps({ classification: classification({ feedback: given }) })
    expect(wrapper.get('[data-testid="feedback-saved"]').text()).toContain('Correct')
  })

  it('asks for the right label when the answer was wrong, offering the other labels', async () => {
    const { calls } = stubFetch({ 'PUT /api/classifications/c1/feedback': { body: classification() } })
    const wrapper = mount(ClassifyFeedback, { props: { classification: classification(), labelChoices: ['cat', 'dog', 'fox'] } })
    await wrapper.get('[data-testid="feedback-wrong"]').trigger('click')
    expect(wrapper.findAll('datalist option')).toHaveLength(3)
    await wrapper.get('form').trigger('submit')
    expect(wrapper.get('[role="alert"]').text()).toContain('right label')
    expect(calls).toHaveLength(0)
    await wrapper.get('.feedback-chip').trigger('click')
    expect((wrapper.get('[data-testid="feedback-label"]').element as HTMLInputElement).value).toBe('dog')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(calls[0]?.body).toEqual({ correct: false, label: 'dog' })
  })

  it('shows a readable message when saving fails', async () => {
    stubFetch({ 'PUT /api/classifications/c1/feedback': problem(404, 'not-found') })
    const wrapper = mount(ClassifyFeedback, { props: { classification: classification() } })
    await wrapper.get('[data-testid="feedback-correct"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[role="alert"]').text()).toBe('This item does not exist (any more).')
  })

  const nothing = (extra = {}) =>
    classification({ recognised: false, topLabel: null, topScore: null, labels: [], objects: [], hints: [{ label: 'orange', score: 0.19 }], ...extra })

  it('asks "What is it?" instead of "Was this right?" when nothing was recognised, and sends the label as not correct', async () => {
    const { calls } = stubFetch({ 'PUT /api/classifications/c1/feedback': { body: nothing() } })
    const wrapper = mount(ClassifyFeedback, { props: { classification: nothing(), labelChoices: ['orange', 'apple'] } })
    expect(wrapper.get('h3').text()).toBe('What is it?')
    expect(wrapper.text()).not.toContain('Was this right?')
    expect(wrapper.find('[data-testid="feedback-correct"]').exists()).toBe(false)
    expect(wrapper.findAll('datalist option')).toHaveLength(2)
    await wrapper.get('form').trigger('submit')
    expect(wrapper.get('[role="alert"]').text()).toContain('Type or pick what is in the picture')
    await wrapper.get('.feedback-chip').trigger('click')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(calls[0]?.body).toEqual({ correct: false, label: 'orange' })
  })

  it('lets people confirm that nothing is there, and shows what they said', async () => {
    const { calls } = stubFetch({ 'PUT /api/classifications/c1/feedback': { body: nothing() } })
    const wrapper = mount(ClassifyFeedback, { props: { classification: nothing() } })
    await wrapper.get('[data-testid="feedback-nothing"]').trigger('click')
    await flushPromises()
    expect(calls[0]?.body).toEqual({ correct: true, label: null })
    await wrapper.setProps({ classification: nothing({ feedback: { correct: true, label: null, givenAt: '2026-11-25T20:09:00Z' } }) })
    expect(wrapper.get('[data-testid="feedback-saved"]').text()).toContain('Nothing here')
    await wrapper.setProps({ classification: nothing({ feedback: { correct: false, label: 'orange', givenAt: '2026-11-25T20:10:00Z' } }) })
    expect(wrapper.get('[data-testid="feedback-saved"]').text()).toContain('You said it is orange')
  })

  it('on a custom model’s unknown answer asks "What is it?" with the closest guesses, and "none of its classes" is the confirmation', async () => {
    const { calls } = stubFetch({ 'PUT /api/classifications/c1/feedback': { body: unknownAnswer() } })
    const wrapper = mount(ClassifyFeedback, { props: { classification: unknownAnswer() } })
    expect(wrapper.get('h3').text()).toBe('What is it?')
    expect(wrapper.findAll('.feedback-chip').map((chip) => chip.text())).toEqual(['beagle', 'basset hound'])
    const none = wrapper.get('[data-testid="feedback-nothing"]')
    expect(none.text()).toBe('None of its classes, that’s right')
    await none.trigger('click')
    await flushPromises()
    expect(calls[0]?.body).toEqual({ correct: true, label: null })
  })
})
