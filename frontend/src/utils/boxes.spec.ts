import { describe, expect, it } from 'vitest'
import { placeBoxes } from './boxes'

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
