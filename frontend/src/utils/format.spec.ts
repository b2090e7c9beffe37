import { describe, expect, it } from 'vitest'
import { formatBytes, formatMs, formatPercent, formatRelative, humanLabel } from './format'

describe('format', () => {
  it('shows scores as whole percentages, clamped', () => {
    expect(formatPercent(0.714)).toBe('71%')
    expect(formatPercent(1.2)).toBe('100%')
    expect(formatPercent(null)).toBe('–')
  })

  it('says how long ago, then falls back to a date', () => {
    const now = Date.parse('2026-11-25T20:10:00Z')
    expect(formatRelative('2026-11-25T20:07:00Z', now)).toMatch(/3 minutes ago/)
    expect(formatRelative('2026-11-25T20:09:58Z', now)).toMatch(/now/)
    expect(formatRelative('2026-10-01T00:00:00Z', now)).not.toMatch(/ago/)
    expect(formatRelative('not a date', now)).toBe('–')
  })

  it('formats sizes, durations and labels for people', () => {
    expect(formatBytes(240417)).toBe('235 KB')
    expect(formatBytes(3 * 1024 * 1024)).toBe('3 MB')
    expect(formatBytes(2 * 1024 * 1024 * 1024)).toBe('2 GB')
    expect(formatMs(45.2)).toBe('45 ms')
    expect(formatMs(1500)).toBe('1.5 s')
    expect(humanLabel('golden_retriever')).toBe('golden retriever')
  })
})
