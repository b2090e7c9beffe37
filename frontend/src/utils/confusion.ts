// A version's confusion matrix (docs/custom-models.md#what-the-metrics-mean): `confusion[actual][predicted]`, rows
// and columns in `confusionLabels` order. Shared by the heatmap and its table.
import { humanLabel } from './format'

export interface ConfusionCell {
  actual: string
  predicted: string
  count: number
  /** count / pictures of the actual class (0 when the class has none): how the row's pictures were named. */
  share: number
  correct: boolean
}

export interface Confusion {
  labels: string[]
  /** One row per actual class, one cell per predicted class. */
  rows: ConfusionCell[][]
  rowTotals: number[]
}

/** The matrix with each cell's share of its row, or null when the version has none (trained before issue 15). */
export function confusionOf(labels: string[] | undefined, matrix: number[][] | undefined): Confusion | null {
  if (!labels?.length || !matrix?.length || matrix.length !== labels.length) return null
  const rowTotals = matrix.map((row) => row.reduce((sum, count) => sum + count, 0))
  const rows = matrix.map((row, a) =>
    labels.map((predicted, p) => {
      const count = row[p] ?? 0
      return { actual: labels[a]!, predicted, count, share: rowTotals[a] ? count / rowTotals[a]! : 0, correct: a === p }
    }),
  )
  return { labels, rows, rowTotals }
}

/** What one row says in words: "beagle: 8 of 10 right; 2 named basset hound". */
export function confusionRowSentence(confusion: Confusion, row: number): string {
  const cells = confusion.rows[row] ?? []
  const label = humanLabel(confusion.labels[row])
  const right = cells.find((cell) => cell.correct)?.count ?? 0
  const wrong = cells.filter((cell) => !cell.correct && cell.count > 0).map((cell) => `${cell.count} named ${humanLabel(cell.predicted)}`)
  return `${label}: ${right} of ${confusion.rowTotals[row] ?? 0} right${wrong.length ? `; ${wrong.join(', ')}` : ''}`
}

/** "#15803d" → "rgba(21, 128, 61, 0.4)"; colours the app reads from CSS custom properties, for canvas cells. */
export function withAlpha(color: string, alpha: number): string {
  const hex = color.trim().match(/^#([0-9a-f]{3}|[0-9a-f]{6})$/i)?.[1]
  if (!hex) return color
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16))
  return `rgba(${r}, ${g}, ${b}, ${Math.round(Math.min(1, Math.max(0, alpha)) * 100) / 100})`
}
