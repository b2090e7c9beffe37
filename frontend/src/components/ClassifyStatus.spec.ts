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

  it('does not call an upload slow while its progress moves, only when it stalls', async () => {
    vi.useFakeTimers()
    const wrapper = mount(ClassifyStatus, { props: { phase: 'uploading', progress: 0.1 } })
    for (const progress of [0.2, 0.3, 0.4, 0.5]) {
      vi.advanceTimersByTime(3000)
      await wrapper.setProps({ progress })
    }
    expect(wrapper.find('[data-testid="slow"]').exists()).toBe(false)
    vi.advanceTimersByTime(4500)
    await wrapper.vm.$nextTick()
    expect(wrapper.get('[data-testid="slow"]').text()).toContain('longer than usual')
    vi.useRealTimers()
  })

  it('says when a photo is being made ready or waits its turn, and is no live region of its own', () => {
    const preparing = mount(ClassifyStatus, { props: { phase: 'preparing', progress: 0 } })
    expect(preparing.text()).toContain('Getting the photo ready')
    expect(preparing.find('[aria-live]').exists() || preparing.find('[role="status"]').exists()).toBe(false)
    const waiting = mount(ClassifyStatus, { props: { phase: 'waiting', progress: 0 } })
    expect(waiting.text()).toContain('Waiting its turn')
    expect(waiting.find('[data-testid="cancel"]').exists()).toBe(true)
  })

  it('shows nothing once done', () => {
    expect(mount(ClassifyStatus, { props: { phase: 'done', progress: 1 } }).html()).toBe('<!--v-if-->')
  })
})
