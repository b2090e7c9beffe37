import type { DetectedObject } from '@/services/types'

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
