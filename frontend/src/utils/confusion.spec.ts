import { describe, expect, it } from 'vitest'
import { version } from '@/test/customModelFixtures'
import { confusionOf, confusionRowSentence, withAlpha } from './confusion'
import { compareVersions, formatDifference } from './versionCompare'

describe('confusion matrix and version comparison', () => {
  it('gives each cell its share of the actual class, and a sentence per row', () => {
    const confusion = confusionOf(['beagle', 'basset_hound'], [
      [8, 2],
      [0, 5],
    ])!
    expect(confusion.rows[0]!.map((cell) => [cell.count, cell.share, cell.correct])).toEqual([
      [8, 0.8, true],
      [2, 0.2, false],
    ])
    expect(confusionRowSentence(confusion, 0)).toBe('beagle: 8 of 10 right; 2 named basset hound')
    expect(confusionRowSentence(confusion, 1)).toBe('basset hound: 5 of 5 right')
    expect(confusionOf([], [])).toBeNull()
    expect(confusionOf(undefined, undefined)).toBeNull()
    expect(withAlpha('#15803d', 0.5)).toBe('rgba(21, 128, 61, 0.5)')
  })

  it('compares two versions, older first, with the difference in points per class', () => {
    const v1 = version({ version: '1' })
    const v2 = version({
      version: '2',
      metrics: {
        ...version().metrics,
        accuracy: 0.85,
        perClass: [
          { label: 'beagle', support: 25, precision: 0.9, recall: 0.9, f1: 0.9 },
          { label: 'pug', support: 10, precision: 0.8, recall: 0.8, f1: 0.8 },
        ],
      },
    })
    const comparison = compareVersions(v2, v1)
    expect(comparison.before.version).toBe('1')
    expect(comparison.accuracyDifference).toBe(5)
    expect(comparison.classes).toEqual([
      { label: 'beagle', before: 0.85, after: 0.9, difference: 5 },
      { label: 'basset', before: 0.7, after: null, difference: null },
      { label: 'pug', before: null, after: 0.8, difference: null },
    ])
    expect(formatDifference(5)).toBe('+5 points')
    expect(formatDifference(-2.5)).toBe('−2.5 points')
    expect(formatDifference(0)).toBe('no change')
  })

  it('has no accuracy difference when a version has no accuracy (null in the API)', () => {
    const unmeasured = version({ version: '2', metrics: { ...version().metrics, accuracy: null } })
    const comparison = compareVersions(version({ version: '1' }), unmeasured)
    expect(comparison.accuracyDifference).toBeNull()
    expect(formatDifference(comparison.accuracyDifference)).toBe('–')
  })
})
