import { describe, expect, it, vi } from 'vitest'
import { ApiProblem } from '@/services/problem'
import { fitWithin, jpegName, prepareUpload, type DecodedImage, type Imaging } from './downscale'

const MB = 1024 * 1024
const limits = { maxBytes: 10 * MB, maxPixels: 40_000_000, allowedTypes: ['image/jpeg', 'image/png'] }

/** A file of `bytes` bytes without allocating them. */
function photo(name: string, bytes: number, type = 'image/jpeg'): File {
  const file = new File(['x'], name, { type })
  Object.defineProperty(file, 'size', { value: bytes })
  return file
}

/** Stands in for the browser's decoder and encoder: a picture of the given size, copies of `encodedBytes`. */
function imaging(width: number, height: number, encodedBytes: (width: number, quality: number) => number = () => 400_000) {
  const closed = vi.fn()
  const encode = vi.fn(async (_image: DecodedImage, w: number, _h: number, _type: string, quality: number) => {
    const blob = new Blob(['j'], { type: 'image/jpeg' })
    Object.defineProperty(blob, 'size', { value: encodedBytes(w, quality) })
    return blob
  })
  const fake: Imaging = { decode: async () => ({ width, height, source: {} as CanvasImageSource, close: closed }), encode }
  return { fake, encode, closed }
}

async function refusal(promise: Promise<unknown>): Promise<ApiProblem> {
  const error = await promise.then(() => null, (problem: unknown) => problem)
  expect(error).toBeInstanceOf(ApiProblem)
  return error as ApiProblem
}

describe('prepareUpload', () => {
  it('sends a photo within 2048 px and the byte limit as it is', async () => {
    const file = photo('chelsea.jpg', 240_000)
    const { fake, encode, closed } = imaging(451, 300)
    const prepared = await prepareUpload(file, { imaging: fake, limits })
    expect(prepared).toMatchObject({ blob: file, filename: 'chelsea.jpg', resized: false, sent: { bytes: 240_000, width: 451, height: 300 } })
    expect(encode).not.toHaveBeenCalled()
    expect(closed).toHaveBeenCalled()
  })

  it('shrinks an 8000 × 8000 photo of half a megabyte to 2048 px as a JPEG at 0.9', async () => {
    const { fake, encode } = imaging(8000, 8000)
    const prepared = await prepareUpload(photo('huge.png', 480_000, 'image/png'), { imaging: fake, limits })
    expect(encode).toHaveBeenCalledWith(expect.anything(), 2048, 2048, 'image/jpeg', 0.9)
    expect(prepared).toMatchObject({
      filename: 'huge.jpg',
      resized: true,
      original: { bytes: 480_000, width: 8000, height: 8000 },
      sent: { bytes: 400_000, width: 2048, height: 2048 },
    })
  })

  it('shrinks a 14 MB phone photo, keeping its upright shape as decoded', async () => {
    const { fake, encode } = imaging(3024, 4032)
    const prepared = await prepareUpload(photo('IMG_0001.JPG', 14 * MB), { imaging: fake, limits })
    expect(encode).toHaveBeenCalledWith(expect.anything(), 1536, 2048, 'image/jpeg', 0.9)
    expect(prepared.sent).toEqual({ bytes: 400_000, width: 1536, height: 2048 })
    expect(prepared.filename).toBe('IMG_0001.jpg')
  })

  it('also shrinks a small-sided photo that is over the byte limit', async () => {
    const { fake, encode } = imaging(2000, 1500)
    await prepareUpload(photo('noisy.png', 12 * MB, 'image/png'), { imaging: fake, limits })
    expect(encode).toHaveBeenCalledWith(expect.anything(), 2000, 1500, 'image/jpeg', 0.9)
  })

  it('tries lower quality, then fewer pixels, when a copy is still too large', async () => {
    const { fake, encode } = imaging(6000, 4000, (width, quality) => (width === 2048 && quality === 0.9 ? 11 * MB : width === 2048 ? 10.5 * MB : 3 * MB))
    const prepared = await prepareUpload(photo('grain.jpg', 30 * MB), { imaging: fake, limits })
    expect(encode.mock.calls.map((call) => [call[1], call[4]])).toEqual([
      [2048, 0.9],
      [2048, 0.8],
      [1434, 0.8],
    ])
    expect(prepared.sent.width).toBe(1434)
  })

  it('keeps the original on request, and refuses it with the limit in words when it is too large', async () => {
    const { fake, encode } = imaging(8000, 8000)
    const small = photo('huge.jpg', 480_000)
    expect((await prepareUpload(small, { imaging: fake, limits, keepOriginal: true })).blob).toBe(small)
    const problem = await refusal(prepareUpload(photo('big.jpg', 12.4 * MB), { imaging: fake, limits, keepOriginal: true }))
    expect(problem.slug).toBe('image-too-large')
    expect(problem.detail).toBe('The image is 12.4 MB; at most 10 MB are accepted. Untick “Keep the original” to let Zoolens shrink it.')
    expect(encode).not.toHaveBeenCalled()
  })

  it('sends what this browser cannot decode as it is, for the API to judge, unless it is too large', async () => {
    const none: Imaging = { decode: async () => null, encode: vi.fn() }
    const odd = photo('odd.jpg', 2 * MB)
    expect((await prepareUpload(odd, { imaging: none, limits })).blob).toBe(odd)
    const problem = await refusal(prepareUpload(photo('odd.jpg', 20 * MB), { imaging: none, limits }))
    expect(problem.detail).toMatch(/^The image is 20 MB; at most 10 MB are accepted\./)
  })

  it('refuses other types and empty files before decoding, naming what is accepted', async () => {
    const decode = vi.fn()
    const pdf = await refusal(prepareUpload(new File(['%PDF'], 'report.pdf', { type: 'application/pdf' }), { imaging: { decode, encode: vi.fn() }, limits }))
    expect(pdf).toMatchObject({ slug: 'unsupported-image', status: 415, detail: '“report.pdf” is application/pdf; Zoolens reads JPEG and PNG pictures.' })
    expect((await refusal(prepareUpload(new File([], 'a.png', { type: 'image/png' }), { limits }))).slug).toBe('empty-image')
    expect(decode).not.toHaveBeenCalled()
  })
})

describe('sizes and names', () => {
  it('fits the longer side and never enlarges', () => {
    expect(fitWithin(8000, 6000, 2048)).toEqual({ width: 2048, height: 1536 })
    expect(fitWithin(300, 200, 2048)).toEqual({ width: 300, height: 200 })
    expect(fitWithin(10000, 1, 2048)).toEqual({ width: 2048, height: 1 })
  })

  it('names the copy as a JPEG', () => {
    expect(jpegName('IMG_1.HEIC.png')).toBe('IMG_1.HEIC.jpg')
    expect(jpegName('')).toBe('photo.jpg')
    expect(jpegName('noext')).toBe('noext.jpg')
  })
})
