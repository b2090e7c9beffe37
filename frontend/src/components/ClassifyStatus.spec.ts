import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import ClassifyStatus from './ClassifyStatus.vue'

describe('ClassifyStatus', () => {
  it('shows upload progress, then an indicator while classifying', async () => {
    const wrapper = mount(ClassifyStatus, { props: { phase: 'uploading', progress: 0.42 } })
    expect(wrapper.text()).toContain('Uploading… 42%')
    expect(wrapper.get('[role="progressbar"]').attributes('aria-valuenow')).toBe('42')
    await wrapper.setProps({ phase: 'classifying', progress: 1 })
    expect(wrapper.text()).toContain('Classifying…')
    expect(wrapper.get('[role="progressbar"]').attributes('aria-valuenow')).toBeUndefined()
  })

  it('explains a queued picture and says so when things are slow', async () => {
    vi.useFakeTimers()
    const wrapper = mount(ClassifyStatus, { props: { phase: 'classifying', progress: 1 } })
    expect(wrapper.text()).not.toContain('longer than usual')
    vi.advanceTimersByTime(5000)
    await wrapper.vm.$nextTick()
    expect(wrapper.text()).toContain('longer than usual')
    await wrapper.setProps({ phase: 'queued' })
    expect(wrapper.get('[data-testid="queued"]').text()).toContain('will be classified when the classifier is back')
    vi.useRealTimers()
  })

  it('shows nothing once done', () => {
    expect(mount(ClassifyStatus, { props: { phase: 'done', progress: 1 } }).html()).toBe('<!--v-if-->')
  })
})
