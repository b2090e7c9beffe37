import { config } from '@/config'
import { ApiProblem, PROBLEM_BASE, problemMessage } from '@/services/problem'
import type { SessionLimits } from '@/services/types'
import { formatBytes } from './format'

/** What the api accepts (contract E; the same defaults as the api-service). The API stays the judge. */
type ApiUploadLimits = SessionLimits['upload']
export type UploadLimits = Omit<ApiUploadLimits, 'allowedTypes'> & { allowedTypes: readonly ApiUploadLimits['allowedTypes'][number][] }

export const defaultLimits: UploadLimits = {
  maxBytes: config.uploadMaxBytes,
  maxPixels: config.uploadMaxPixels,
  allowedTypes: config.acceptedTypes,
}

const typeNames: Record<string, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'image/gif': 'GIF',
  'image/bmp': 'BMP',
}

/** "JPEG, PNG, WebP, GIF and BMP" */
export function typeList(types: readonly string[]): string {
  const names = types.map((type) => typeNames[type] ?? type)
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '')
}

function refusal(slug: string, status: number, title: string, detail: string): ApiProblem {
  return new ApiProblem({ type: `${PROBLEM_BASE}${slug}`, title, status, detail }, status)
}

export function tooManyBytes(bytes: number, limits: UploadLimits, hint = ''): ApiProblem {
  return refusal('image-too-large', 413, 'Image too large', `The image is ${formatBytes(bytes)}; at most ${formatBytes(limits.maxBytes)} are accepted.${hint}`)
}

/** What the browser can tell before sending: an empty file or one that is not a picture of an accepted type. */
export function checkType(file: File, limits: UploadLimits = defaultLimits): ApiProblem | null {
  const name = file.name ? `“${file.name}”` : 'That file'
  if (file.size === 0) return refusal('empty-image', 400, 'Empty image', `${name} is empty. Pick a picture with something in it.`)
  if (file.type && !limits.allowedTypes.includes(file.type)) {
    return refusal('unsupported-image', 415, 'Unsupported image', `${name} is ${file.type}; Zoolens reads ${typeList(limits.allowedTypes)} pictures.`)
  }
  return null
}

const limitSlugs = new Set(['image-too-large', 'too-many-pixels', 'unsupported-image', 'empty-image'])

/**
 * A refused upload, said with its limit: the API's detail names it (contract E), and so do the browser's own
 * checks; for an answer without detail (an older api, a proxy's 413) the configured limits fill in.
 */
export function uploadProblemMessage(error: unknown, limits: UploadLimits = defaultLimits): string {
  if (!(error instanceof ApiProblem) || !limitSlugs.has(error.slug)) return problemMessage(error)
  if (error.detail) return error.detail
  switch (error.slug) {
    case 'image-too-large':
      return `That picture is larger than the upload limit of ${formatBytes(limits.maxBytes)}.`
    case 'too-many-pixels':
      return `That picture has more than ${Math.round(limits.maxPixels / 1_000_000)} megapixels, the most Zoolens accepts.`
    case 'unsupported-image':
      return `That file is not a picture Zoolens can read. Use ${typeList(limits.allowedTypes)}.`
    default:
      return problemMessage(error)
  }
}
