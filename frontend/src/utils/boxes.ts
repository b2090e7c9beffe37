import type { Box, DetectedObject, LabelScore } from '@/services/types'
import { formatPercent, humanLabel } from './format'

export interface PlacedBox {
  key: string
  label: string
  score: number
  /** Position and size as percentages of the displayed image, so the overlay follows any scaling. */
  left: number
  top: number
  width: number
  height: number
}

/** One box on the picture: the detections that share (almost) the same place, with every label they give. */
export interface BoxGroup {
  key: string
  /** 1-based, best group first: the number a list item and its box share. */
  number: number
  labels: LabelScore[]
  score: number
  /** Percentages of the image, as in PlacedBox. */
  left: number
  top: number
  width: number
  height: number
}

export interface Size {
  width: number
  height: number
}

export interface Rect extends Size {
  x: number
  y: number
}

/** Where a group's label goes, in pixels of the displayed frame. `compact` labels show only the group number. */
export interface LabelSpot extends Rect {
  key: string
  compact: boolean
  /** No free spot was left: this one overlaps another label as little as possible. */
  crowded: boolean
}

/** Detections this much alike (intersection over union) are one object the model could not name for sure. */
export const MERGE_IOU = 0.9

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value))

/**
 * Maps boxes given in the original image's pixels (top-left origin) to percentages of the image.
 * Parts outside the image are cut off; boxes with nothing left, or an image without size, are dropped.
 */
export function placeBoxes(objects: readonly DetectedObject[] | null | undefined, imageWidth: number, imageHeight: number, minScore = 0): PlacedBox[] {
  if (!objects?.length || !(imageWidth > 0) || !(imageHeight > 0)) return []
  return objects
    .filter((object) => object.score >= minScore)
    .map((object, index) => {
      const x1 = clamp(object.box.x, 0, imageWidth)
      const y1 = clamp(object.box.y, 0, imageHeight)
      const x2 = clamp(object.box.x + object.box.width, 0, imageWidth)
      const y2 = clamp(object.box.y + object.box.height, 0, imageHeight)
      return {
        key: `${index}-${object.label}`,
        label: object.label,
        score: object.score,
        left: (x1 / imageWidth) * 100,
        top: (y1 / imageHeight) * 100,
        width: ((x2 - x1) / imageWidth) * 100,
        height: ((y2 - y1) / imageHeight) * 100,
      }
    })
    .filter((box) => box.width > 0 && box.height > 0)
}

export function iou(a: Pick<Box, 'x' | 'y' | 'width' | 'height'>, b: Pick<Box, 'x' | 'y' | 'width' | 'height'>): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  if (w <= 0 || h <= 0) return 0
  const shared = w * h
  return shared / (a.width * a.height + b.width * b.height - shared)
}

/**
 * Places the boxes (see placeBoxes) and merges those that cover the same place (IoU ≥ MERGE_IOU) into one
 * box listing its labels, best first. Groups come best first and are numbered in that order.
 */
export function groupBoxes(objects: readonly DetectedObject[] | null | undefined, imageWidth: number, imageHeight: number, minScore = 0): BoxGroup[] {
  const boxes = placeBoxes(objects, imageWidth, imageHeight, minScore).sort((a, b) => b.score - a.score)
  const groups: (PlacedBox & { labels: LabelScore[] })[] = []
  for (const box of boxes) {
    const rect = { x: box.left, y: box.top, width: box.width, height: box.height }
    const same = groups.find((group) => iou(rect, { x: group.left, y: group.top, width: group.width, height: group.height }) >= MERGE_IOU)
    if (!same) groups.push({ ...box, labels: [{ label: box.label, score: box.score }] })
    else if (!same.labels.some((item) => item.label === box.label)) same.labels.push({ label: box.label, score: box.score })
  }
  return groups.map((group, index) => ({
    key: group.key,
    number: index + 1,
    labels: group.labels,
    score: group.score,
    left: group.left,
    top: group.top,
    width: group.width,
    height: group.height,
  }))
}

// Bold system-ui glyph widths in em, rounded up: an estimate that is never short keeps laid-out labels apart.
function glyphEm(char: string): number {
  if (/[iIl.,:;'!|1\s]/.test(char)) return 0.34
  if (/[0-9]/.test(char)) return 0.6
  if (char === '%' || /[mwMW]/.test(char)) return 0.95
  if (/[A-Z]/.test(char)) return 0.74
  return 0.62
}

export interface LabelFont {
  /** Font size in px. */
  size: number
  /** Line height in px. */
  lineHeight: number
  /** Horizontal and vertical padding inside the label, in px. */
  padX: number
  padY: number
}

export const LABEL_FONT: LabelFont = { size: 12.8, lineHeight: 16, padX: 6, padY: 2 }

/** Text width in px; the browser measures with the label's real font (canvas measureText). */
export type MeasureText = (text: string) => number

/** Without a browser to measure: a generous estimate from glyph widths. */
export const estimateText =
  (font: LabelFont = LABEL_FONT): MeasureText =>
  (text) =>
    [...text].reduce((sum, char) => sum + glyphEm(char), 0) * font.size

/** The size a label with these lines takes (the label is drawn at exactly this size). */
export function labelSize(lines: readonly string[], font: LabelFont = LABEL_FONT, measure: MeasureText = estimateText(font)): Size {
  const widest = Math.max(0, ...lines.map(measure))
  return { width: Math.ceil(widest + 2 * font.padX), height: Math.ceil(lines.length * font.lineHeight + 2 * font.padY) }
}

const overlapArea = (a: Rect, b: Rect) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y))

/** Spots to try for a label of `size` at box `box`, best first: its corners outside, then inside, then along and down its edges. */
function candidates(box: Rect, size: Size, frame: Size): Rect[] {
  const left = box.x
  const right = box.x + box.width - size.width
  const above = box.y - size.height
  const below = box.y + box.height
  const spots: [number, number][] = [
    [left, above],
    [left, box.y],
    [right, above],
    [right, box.y],
    [left, below],
    [left, below - size.height],
    [right, below],
    [right, below - size.height],
  ]
  // Down the inside of the box, then further out above and below it, one label height at a time.
  for (let y = box.y + size.height; y < below - size.height; y += size.height) spots.push([left, y], [right, y])
  for (let step = 2; step <= 4; step++) spots.push([left, box.y - step * size.height], [left, below + (step - 1) * size.height])
  // Along the top edge, for rows of boxes whose corners are taken.
  const stride = Math.max(8, size.width / 2)
  for (let x = left + stride; x < right; x += stride) spots.push([x, above], [x, box.y])
  // Anywhere inside the box, row by row (bounded, for very large boxes).
  for (let y = box.y, rows = 0; y <= below - size.height && rows < 16; y += size.height, rows++) {
    for (let x = left, columns = 0; x <= right && columns < 16; x += size.width, columns++) spots.push([x, y])
  }
  const seen = new Set<string>()
  const rects: Rect[] = []
  for (const [x, y] of spots) {
    const spot = {
      x: clamp(x, 0, Math.max(0, frame.width - size.width)),
      y: clamp(y, 0, Math.max(0, frame.height - size.height)),
      width: size.width,
      height: size.height,
    }
    const id = `${Math.round(spot.x)}:${Math.round(spot.y)}`
    if (!seen.has(id)) {
      seen.add(id)
      rects.push(spot)
    }
  }
  return rects
}

export interface LabelRequest {
  key: string
  /** The box in pixels of the displayed frame. */
  box: Rect
  size: Size
  /** The size of the number-only label used when the full one finds no free spot. */
  compactSize: Size
}

/**
 * A small greedy placer: labels are taken in the given order (best first) and each goes to the first spot
 * near its box that overlaps no label placed before it and stays inside the frame. A label that finds none
 * shrinks to its number; a number that finds none goes where it overlaps least (and is marked crowded).
 */
export function layoutLabels(requests: readonly LabelRequest[], frame: Size): LabelSpot[] {
  const placed: LabelSpot[] = []
  const free = (spot: Rect) => placed.every((other) => overlapArea(spot, other) === 0)
  for (const request of requests) {
    const full = candidates(request.box, request.size, frame).find(free)
    if (full && request.size.width <= frame.width) {
      placed.push({ ...full, key: request.key, compact: false, crowded: false })
      continue
    }
    const compactSpots = candidates(request.box, request.compactSize, frame)
    const compact = compactSpots.find(free)
    if (compact) {
      placed.push({ ...compact, key: request.key, compact: true, crowded: false })
      continue
    }
    const overlap = (spot: Rect) => placed.reduce((sum, other) => sum + overlapArea(spot, other), 0)
    const least = compactSpots.reduce((best, spot) => (overlap(spot) < overlap(best) ? spot : best))
    placed.push({ ...least, key: request.key, compact: true, crowded: true })
  }
  return placed
}

/** The text of a group's label: one line per label, such as "cow 60%". */
export function labelLines(group: Pick<BoxGroup, 'labels'>): string[] {
  return group.labels.map((item) => `${humanLabel(item.label)} ${formatPercent(item.score)}`)
}

/** Lays out the labels of groups (best first) over a frame of the given pixel size. */
export function layoutGroups(groups: readonly BoxGroup[], frame: Size, font: LabelFont = LABEL_FONT, measure: MeasureText = estimateText(font)): LabelSpot[] {
  if (!(frame.width > 0) || !(frame.height > 0)) return []
  return layoutLabels(
    groups.map((group) => ({
      key: group.key,
      box: {
        x: (group.left / 100) * frame.width,
        y: (group.top / 100) * frame.height,
        width: (group.width / 100) * frame.width,
        height: (group.height / 100) * frame.height,
      },
      size: labelSize(labelLines(group), font, measure),
      compactSize: labelSize([String(group.number)], font, measure),
    })),
    frame,
  )
}
