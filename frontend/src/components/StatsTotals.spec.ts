import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { stats } from '@/test/fixtures'
import StatsTotals from './StatsTotals.vue'

describe('StatsTotals', () => {
  it('adds up: named and nothing-found pictures, and accuracy over the named ones with feedback only', () => {
    const text = mount(StatsTotals, { props: { totals: stats.totals } }).text()
    expect(text).toContain('10 named · 2 nothing found')
    expect(text).toContain('80%')
    // 6 with feedback, 1 of them on a nothing-found picture: 4 of 5
    expect(text).toContain('4 of 5 named pictures marked correct')
    expect(text).not.toContain('could not be classified')
  })

  it('mentions failed pictures only when there are some', () => {
    expect(mount(StatsTotals, { props: { totals: { ...stats.totals, failed: 2 } } }).text()).toContain('2 could not be classified')
  })

  it('says there is no feedback yet rather than "0 of 0"', () => {
    const totals = { ...stats.totals, withFeedback: 1, nothingFoundWithFeedback: 1, correct: 0, accuracy: null }
    expect(mount(StatsTotals, { props: { totals } }).text()).toContain('No feedback on named pictures yet')
  })
})
