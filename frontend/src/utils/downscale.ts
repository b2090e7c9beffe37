import { config } from '@/config'
import { checkType, defaultLimits, tooManyBytes, type UploadLimits } from './uploadLimits'

/** A decoded picture, turned the way its EXIF orientation says. */
export interface DecodedImage {
  width: number
  height: number
  source: CanvasImageSource
  close(): void
}

/** The browser's imaging, behind a seam so the decisions below can be tested without a real decoder. */
export interface Imaging {
  /** null when this browser cannot decode the file (the API then judges it as it is). */
  decode(file: Blob): Promise<DecodedImage | null>
  encode(image: DecodedImage, width: number, height: number, type: string, quality: number): Promise<Blob | null>
}

export interface ImageFacts {
  bytes: number
  width: number | null
  height: number | null
}

export interface PreparedUpload {
  blob: Blob
  filename: string
  /** True when the browser made a smaller copy to send. */
  resized: boolean
  original: ImageFacts
  sent: ImageFacts
}

export interface PrepareOptions {
  keepOriginal?: boolean
  limits?: UploadLimits
  /** Longest side the copy gets (default config.shrinkToSide). */
  maxSide?: number
  imaging?: Imaging
}

const OUTPUT_TYPE = 'image/jpeg'
const QUALITY = 0.9

/** The size that fits within maxSide on the longer side, keeping the aspect ratio (never enlarging). */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height))
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}

export function jpegName(name: string): string {
  const base = name.replace(/\.[^./\\]*$/, '') || 'photo'
  return `${base}.jpg`
}

/**
 * Decides what to send for a picked photo. Within the limits and at most maxSide px: the file as it is.
 * Larger: a JPEG copy at maxSide px on its longer side, upright as its EXIF orientation says. Refuses, with
 * the limit in words, what cannot be sent: a type the API does not read, an empty file, or too many bytes
 * when the original is to be kept or cannot be decoded here. Pixels are left to the API when the original is kept.
 */
export async function prepareUpload(file: File, options: PrepareOptions = {}): Promise<PreparedUpload> {
  const limits = options.limits ?? defaultLimits
  const maxSide = options.maxSide ?? config.shrinkToSide
  const refused = checkType(file, limits)
  if (refused) throw refused
  const asIs = (width: number | null = null, height: number | null = null): PreparedUpload => {
    const facts = { bytes: file.size, width, height }
    return { blob: file, filename: file.name || 'photo', resized: false, original: facts, sent: facts }
  }
  if (options.keepOriginal) {
    if (file.size > limits.maxBytes) throw tooManyBytes(file.size, limits, ' Untick “Keep the original” to let Zoolens shrink it.')
    return asIs()
  }
  const imaging = options.imaging ?? browserImaging
  const image = await imaging.decode(file).catch(() => null)
  if (!image) {
    if (file.size > limits.maxBytes) throw tooManyBytes(file.size, limits, ' This browser could not shrink it.')
    return asIs()
  }
  try {
    if (Math.max(image.width, image.height) <= maxSide && file.size <= limits.maxBytes) return asIs(image.width, image.height)
    // A copy at maxSide nearly always fits; if not, try lower quality, then fewer pixels.
    let size = fitWithin(image.width, image.height, maxSide)
    for (const [quality, scale] of [
      [QUALITY, 1],
      [0.8, 1],
      [0.8, 0.7],
    ] as const) {
      size = fitWithin(image.width, image.height, Math.round(maxSide * scale))
      const blob = await imaging.encode(image, size.width, size.height, OUTPUT_TYPE, quality)
      if (!blob) break
      if (blob.size <= limits.maxBytes) {
        return {
          blob,
          filename: jpegName(file.name),
          resized: true,
          original: { bytes: file.size, width: image.width, height: image.height },
          sent: { bytes: blob.size, width: size.width, height: size.height },
        }
      }
    }
    if (file.size <= limits.maxBytes) return asIs(image.width, image.height)
    throw tooManyBytes(file.size, limits, ' This browser could not shrink it enough.')
  } finally {
    image.close()
  }
}

/** Chromium, Firefox and Safari: createImageBitmap honours EXIF orientation with 'from-image' (the default). */
async function decode(file: Blob): Promise<DecodedImage | null> {
  if (typeof createImageBitmap !== 'function') return null
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' })
  } catch (error) {
    // Browsers from before the option was renamed reject 'from-image' but orient by default.
    if (!(error instanceof TypeError)) return null
    bitmap = await createImageBitmap(file)
  }
  return { width: bitmap.width, height: bitmap.height, source: bitmap, close: () => bitmap.close() }
}

function canvasOf(width: number, height: number): [HTMLCanvasElement, CanvasRenderingContext2D] {
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  const context = canvas.getContext('2d')
  if (!context) throw new Error('No 2D canvas in this browser')
  context.imageSmoothingEnabled = true
  context.imageSmoothingQuality = 'high'
  return [canvas, context]
}

/**
 * Halves the picture while it stays at least the target size, then draws it at the target with high-quality
 * smoothing: each halving averages 2 × 2 pixels, so fine detail is not lost to aliasing the way one big step
 * would lose it. Transparent parts become white (JPEG has no alpha).
 */
async function encode(image: DecodedImage, width: number, height: number, type: string, quality: number): Promise<Blob | null> {
  let source: CanvasImageSource = image.source
  let w = image.width
  let h = image.height
  while (w / 2 >= width && h / 2 >= height) {
    const [half, context] = canvasOf(Math.round(w / 2), Math.round(h / 2))
    context.drawImage(source, 0, 0, w, h, 0, 0, half.width, half.height)
    source = half
    w = half.width
    h = half.height
  }
  const [canvas, context] = canvasOf(width, height)
  context.fillStyle = '#fff'
  context.fillRect(0, 0, width, height)
  context.drawImage(source, 0, 0, w, h, 0, 0, width, height)
  return new Promise((resolve) => canvas.toBlob(resolve, type, quality))
}

export const browserImaging: Imaging = { decode, encode }
