import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import AppConfidenceBar from './AppConfidenceBar.vue'

describe('AppConfidenceBar', () => {
  it('shows the label, the percentage and a meter screen readers can read', () => {
    const wrapper = mount(AppConfidenceBar, { props: { label: 'tabby_cat', score: 0.714 } })
    expect(wrapper.text()).toContain('tabby cat')
    expect(wrapper.text()).toContain('71%')
    const meter = wrapper.get('[role="meter"]')
    expect(meter.attributes('aria-valuenow')).toBe('71')
    expect(meter.attributes('aria-label')).toBe('Confidence for tabby cat')
    expect(wrapper.get('.confidence-fill').attributes('style')).toContain('width: 71%')
  })

  it('keeps the bar inside 0–100%', () => {
    const wrapper = mount(AppConfidenceBar, { props: { label: 'x', score: 1.4 } })
    expect(wrapper.get('[role="meter"]').attributes('aria-valuenow')).toBe('100')
  })
})
