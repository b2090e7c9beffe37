import { describe, expect, it } from 'vitest'
import { ApiProblem } from '@/services/problem'
import { checkType, typeList, uploadProblemMessage } from './uploadLimits'

const limits = { maxBytes: 10 * 1024 * 1024, maxPixels: 40_000_000, allowedTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/bmp'] }
const problem = (slug: string, status: number, detail?: string) => new ApiProblem({ type: `https://zoolens.io/problems/${slug}`, title: slug, detail }, status)

describe('upload limits in words', () => {
  it('uses the API’s detail, which names the limit', () => {
    const detail = 'The image has 64.0 megapixels (8000 × 8000); at most 40 megapixels are accepted.'
    expect(uploadProblemMessage(problem('too-many-pixels', 413, detail), limits)).toBe(detail)
  })

  it('names the limit itself when the answer has no detail (an older api, a proxy’s 413)', () => {
    expect(uploadProblemMessage(problem('image-too-large', 413), limits)).toBe('That picture is larger than the upload limit of 10 MB.')
    expect(uploadProblemMessage(problem('too-many-pixels', 413), limits)).toContain('more than 40 megapixels')
    expect(uploadProblemMessage(problem('unsupported-image', 415), limits)).toContain('JPEG, PNG, WebP, GIF and BMP')
  })

  it('leaves other problems to the shared messages', () => {
    expect(uploadProblemMessage(problem('corrupt-image', 422), limits)).toMatch(/damaged/)
    expect(uploadProblemMessage(new Error('boom'), limits)).toBe('boom')
  })

  it('names the accepted types when refusing another', () => {
    expect(typeList(['image/png'])).toBe('PNG')
    expect(checkType(new File(['x'], 'a.heic', { type: 'image/heic' }), limits)?.detail).toBe('“a.heic” is image/heic; Zoolens reads JPEG, PNG, WebP, GIF and BMP pictures.')
    expect(checkType(new File(['x'], 'a.png', { type: 'image/png' }), limits)).toBeNull()
  })
})
