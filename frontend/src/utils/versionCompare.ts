// Two versions side by side on the same cross-validation figures (docs/custom-models.md#what-the-metrics-mean).
import type { ModelVersion } from '@/services/customModels'

export interface ClassComparison {
  label: string
  /** null: the class was not in that version */
  before: number | null
  after: number | null
  /** after − before, in points of F1 (0..100), null when one side lacks the class */
  difference: number | null
}

export interface VersionComparison {
  before: ModelVersion
  after: ModelVersion
  /** in points (0..100), null when a version has no accuracy */
  accuracyDifference: number | null
  classes: ClassComparison[]
}

const points = (value: number) => Math.round(value * 1000) / 10

/** The older of the two first; classes of both, in the older one's order, then the newer one's new classes. */
export function compareVersions(a: ModelVersion, b: ModelVersion): VersionComparison {
  const [before, after] = Number(a.version) <= Number(b.version) ? [a, b] : [b, a]
  const f1 = (version: ModelVersion) => new Map(version.metrics.perClass.map((row) => [row.label, row.f1]))
  const f1Before = f1(before)
  const f1After = f1(after)
  const labels = [...new Set([...f1Before.keys(), ...f1After.keys()])]
  const [accuracyBefore, accuracyAfter] = [before.metrics.accuracy, after.metrics.accuracy]
  return {
    before,
    after,
    accuracyDifference:
      accuracyBefore === null || accuracyAfter === null ? null : points(accuracyAfter - accuracyBefore),
    classes: labels.map((label) => {
      const x = f1Before.get(label) ?? null
      const y = f1After.get(label) ?? null
      return { label, before: x, after: y, difference: x === null || y === null ? null : points(y - x) }
    }),
  }
}

/** "+4.5 points", "−2 points", "no change"; screen readers read the sign as a word this way too. */
export function formatDifference(difference: number | null): string {
  if (difference === null) return '–'
  if (difference === 0) return 'no change'
  const size = Math.abs(difference).toFixed(1).replace(/\.0$/, '')
  return `${difference > 0 ? '+' : '−'}${size} ${size === '1' ? 'point' : 'points'}`
}
