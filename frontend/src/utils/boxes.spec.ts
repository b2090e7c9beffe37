import { describe, expect, it } from 'vitest'
import type { DetectedObject } from '@/services/types'
import { groupBoxes, iou, LABEL_FONT, labelLines, labelSize, layoutGroups, placeBoxes, type LabelSpot, type Rect } from './boxes'

describe('placeBoxes', () => {
  it('maps original-pixel boxes to percentages of the image', () => {
    const [box] = placeBoxes([{ label: 'cat', score: 0.7, box: { x: 45.1, y: 30, width: 225.5, height: 150 } }], 451, 300)
    expect(box).toMatchObject({ label: 'cat', score: 0.7 })
    expect(box!.left).toBeCloseTo(10)
    expect(box!.top).toBeCloseTo(10)
    expect(box!.width).toBeCloseTo(50)
    expect(box!.height).toBeCloseTo(50)
  })

  it('cuts boxes at the image edges and drops those left with nothing', () => {
    const boxes = placeBoxes(
      [
        { label: 'a', score: 0.9, box: { x: -10, y: -10, width: 60, height: 60 } },
        { label: 'b', score: 0.9, box: { x: 120, y: 10, width: 50, height: 50 } },
      ],
      100,
      100,
    )
    expect(boxes).toHaveLength(1)
    expect(boxes[0]).toMatchObject({ label: 'a', left: 0, top: 0, width: 50, height: 50 })
  })

  it('draws nothing without objects or without a known image size', () => {
    expect(placeBoxes(null, 100, 100)).toEqual([])
    expect(placeBoxes([{ label: 'a', score: 1, box: { x: 0, y: 0, width: 1, height: 1 } }], 0, 100)).toEqual([])
  })

  it('leaves out boxes under the minimum score', () => {
    const objects = [
      { label: 'a', score: 0.9, box: { x: 0, y: 0, width: 10, height: 10 } },
      { label: 'b', score: 0.1, box: { x: 0, y: 0, width: 10, height: 10 } },
    ]
    expect(placeBoxes(objects, 100, 100, 0.3).map((box) => box.label)).toEqual(['a'])
  })
})

const overlap = (a: Rect, b: Rect) =>
  Math.min(a.x + a.width, b.x + b.width) > Math.max(a.x, b.x) && Math.min(a.y + a.height, b.y + b.height) > Math.max(a.y, b.y)

function expectApartAndInside(spots: LabelSpot[], frame: { width: number; height: number }) {
  spots.forEach((spot, index) => {
    expect(spot.x).toBeGreaterThanOrEqual(0)
    expect(spot.y).toBeGreaterThanOrEqual(0)
    expect(spot.x + spot.width).toBeLessThanOrEqual(frame.width + 0.001)
    expect(spot.y + spot.height).toBeLessThanOrEqual(frame.height + 0.001)
    for (const other of spots.slice(index + 1)) expect(overlap(spot, other), `${spot.key} and ${other.key} overlap`).toBe(false)
  })
}

const person = (x: number, score: number): DetectedObject => ({ label: 'person', score, box: { x, y: 120, width: 90, height: 460 } })
// A group photo: eleven people side by side, 1100 × 600 pixels, as the issue describes.
const elevenPeople = Array.from({ length: 11 }, (_, index) => person(index * 100 + 5, 0.95 - index * 0.04))

describe('groupBoxes', () => {
  it('merges one place named three ways into one box listing its labels, best first', () => {
    const groups = groupBoxes(
      [
        { label: 'sheep', score: 0.41, box: { x: 101, y: 99, width: 200, height: 150 } },
        { label: 'cow', score: 0.62, box: { x: 100, y: 100, width: 200, height: 150 } },
        { label: 'horse', score: 0.35, box: { x: 102, y: 101, width: 199, height: 151 } },
        { label: 'dog', score: 0.5, box: { x: 400, y: 100, width: 100, height: 100 } },
      ],
      600,
      400,
    )
    expect(groups).toHaveLength(2)
    expect(groups[0]!.labels.map((item) => item.label)).toEqual(['cow', 'sheep', 'horse'])
    expect(groups[0]).toMatchObject({ number: 1, score: 0.62 })
    expect(groups[1]).toMatchObject({ number: 2, labels: [{ label: 'dog', score: 0.5 }] })
    expect(labelLines(groups[0]!)).toEqual(['cow 62%', 'sheep 41%', 'horse 35%'])
  })

  it('keeps boxes that only overlap partly apart, as two bicycles', () => {
    const groups = groupBoxes(
      [
        { label: 'bicycle', score: 0.32, box: { x: 110, y: 210, width: 180, height: 120 } },
        { label: 'bicycle', score: 0.54, box: { x: 100, y: 200, width: 300, height: 200 } },
      ],
      640,
      480,
    )
    expect(groups.map((group) => group.score)).toEqual([0.54, 0.32])
  })

  it('measures overlap as intersection over union', () => {
    expect(iou({ x: 0, y: 0, width: 10, height: 10 }, { x: 0, y: 0, width: 10, height: 10 })).toBe(1)
    expect(iou({ x: 0, y: 0, width: 10, height: 10 }, { x: 5, y: 0, width: 10, height: 10 })).toBeCloseTo(50 / 150)
    expect(iou({ x: 0, y: 0, width: 10, height: 10 }, { x: 20, y: 0, width: 10, height: 10 })).toBe(0)
  })
})

describe('layoutGroups', () => {
  it('gives each of eleven people a readable label that hides no other, on a desktop and on a phone', () => {
    for (const frame of [
      { width: 760, height: 415 },
      { width: 358, height: 195 },
    ]) {
      const groups = groupBoxes(elevenPeople, 1100, 600)
      const spots = layoutGroups(groups, frame)
      expect(spots).toHaveLength(11)
      expectApartAndInside(spots, frame)
      if (frame.width > 700) expect(spots.filter((spot) => spot.compact)).toEqual([])
      expect(spots.filter((spot) => spot.crowded)).toEqual([])
    }
  })

  it('does not let the small "bicycle 32%" label hide "bicycle 54%"', () => {
    const groups = groupBoxes(
      [
        { label: 'bicycle', score: 0.32, box: { x: 105, y: 205, width: 150, height: 120 } },
        { label: 'bicycle', score: 0.54, box: { x: 100, y: 200, width: 300, height: 200 } },
      ],
      640,
      480,
    )
    const frame = { width: 640, height: 480 }
    const spots = layoutGroups(groups, frame)
    expectApartAndInside(spots, frame)
    // The better answer gets the best spot: just above its own box's top-left corner.
    expect(spots[0]).toMatchObject({ key: groups[0]!.key, x: 100, compact: false })
    expect(spots[0]!.y + spots[0]!.height).toBeCloseTo(200)
    expect(spots[1]!.compact).toBe(false)
  })

  it('draws a box with three labels as one label of three lines', () => {
    const groups = groupBoxes(
      [
        { label: 'cow', score: 0.62, box: { x: 100, y: 100, width: 200, height: 150 } },
        { label: 'sheep', score: 0.41, box: { x: 100, y: 100, width: 200, height: 150 } },
        { label: 'horse', score: 0.35, box: { x: 100, y: 100, width: 200, height: 150 } },
      ],
      600,
      400,
    )
    const [spot] = layoutGroups(groups, { width: 600, height: 400 })
    expect(spot!.height).toBe(labelSize(['a', 'b', 'c']).height)
    expect(spot!.height).toBeGreaterThan(3 * LABEL_FONT.lineHeight)
  })

  it('falls back to numbers, then to the least overlap, when there is no room at all', () => {
    const crowd = Array.from({ length: 30 }, (_, index) => person(index * 20, 0.9 - index * 0.01))
    const frame = { width: 200, height: 120 }
    const spots = layoutGroups(groupBoxes(crowd, 680, 600), frame)
    expect(spots).toHaveLength(30)
    expect(spots[0]!.compact).toBe(false)
    expect(spots.some((spot) => spot.compact && !spot.crowded)).toBe(true)
    expect(spots.some((spot) => spot.compact && spot.crowded)).toBe(true)
    expect(layoutGroups(groupBoxes(elevenPeople, 1100, 600), { width: 0, height: 0 })).toEqual([])
  })

  it('estimates label sizes generously from the text', () => {
    const short = labelSize(['cat 71%'])
    const long = labelSize(['hot dog 71%'])
    expect(long.width).toBeGreaterThan(short.width)
    expect(short.height).toBe(LABEL_FONT.lineHeight + 2 * LABEL_FONT.padY)
  })
})
