import { formatBytes } from '@/utils/format'
import { namesInWords } from './modelFeedback'
import type { FieldError, ProblemBody } from './types'

export const PROBLEM_BASE = 'https://zoolens.io/problems/'

/** A failed API call: the server's problem+json, or one made here for network failures and timeouts. */
export class ApiProblem extends Error {
  readonly type: string
  readonly title: string
  readonly status: number
  readonly detail?: string
  readonly instance?: string
  readonly errors: FieldError[]
  readonly retryAfterSeconds?: number
  private readonly body: ProblemBody

  constructor(body: ProblemBody, status: number, retryAfterSeconds?: number) {
    super(body.detail ?? body.title ?? `HTTP ${status}`)
    this.name = 'ApiProblem'
    this.body = body
    this.type = body.type ?? 'about:blank'
    this.title = body.title ?? `HTTP ${status}`
    this.status = body.status ?? status
    this.detail = body.detail
    this.instance = body.instance
    this.errors = Array.isArray(body.errors) ? body.errors : []
    // The Retry-After header first; the body's `retryAfterSeconds` when a proxy dropped the header.
    this.retryAfterSeconds = retryAfterSeconds ?? this.number('retryAfterSeconds')
  }

  /** A numeric extension member of the problem (`limit`, `windowSeconds`, `maxBytes`…), if the API sent one. */
  number(name: string): number | undefined {
    const value = this.body[name]
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined
  }

  /** Any extension member of the problem (`reason`, `conflicts`, `albumIds`…), as sent; undefined when absent. */
  member(name: string): unknown {
    return this.body[name]
  }

  /** The last part of a Zoolens problem type (`unsupported-image`), or '' for other types. */
  get slug(): string {
    return this.type.startsWith(PROBLEM_BASE) ? this.type.slice(PROBLEM_BASE.length) : ''
  }

  fieldError(field: string): string | undefined {
    return this.errors.find((error) => error.field === field)?.message
  }
}

/** Problems that the browser itself runs into; they use the same type URIs so one mapping covers all. */
export function clientProblem(slug: 'network-error' | 'timeout' | 'server-error' | 'unexpected-response', title: string, status = 0): ApiProblem {
  return new ApiProblem({ type: PROBLEM_BASE + slug, title }, status)
}

export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds))
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, Math.round((date - now) / 1000))
}

/** Turns an error answer into an ApiProblem, whether it is problem+json, other JSON, HTML from a proxy, or empty. */
export function problemFromResponse(status: number, contentType: string | null, text: string, retryAfter: string | null): ApiProblem {
  const retry = parseRetryAfter(retryAfter)
  if (contentType && /json/i.test(contentType) && text) {
    try {
      const body = JSON.parse(text) as ProblemBody
      if (body && typeof body === 'object') return new ApiProblem(body, status, retry)
    } catch {
      // fall through to a generic problem: a broken body must not hide the status
    }
  }
  if (status >= 500) {
    const problem = clientProblem('server-error', 'The server could not answer', status)
    return retry === undefined ? problem : new ApiProblem({ type: problem.type, title: problem.title }, status, retry)
  }
  return new ApiProblem({ title: `HTTP ${status}` }, status, retry)
}

/** A wait as people say it: seconds under a minute and a half, then about so many minutes, an hour, hours. */
export function formatWait(seconds: number): string {
  const s = Math.max(1, Math.round(seconds))
  if (s < 90) return s === 1 ? '1 second' : `${s} seconds`
  const minutes = Math.round(s / 60)
  if (minutes < 60) return `about ${minutes} minutes`
  if (minutes < 90) return 'about an hour'
  const hours = Math.round(minutes / 60)
  return hours === 1 ? 'about an hour' : `about ${hours} hours`
}

/** "an hour", "a minute", "a day", or "every 15 minutes", for a rate limit's window. */
export function formatWindow(seconds: number): string {
  const names: Record<number, string> = { 1: 'a second', 60: 'a minute', 3600: 'an hour', 86400: 'a day' }
  return names[seconds] ?? `every ${formatWait(seconds).replace(/^about /, '')}`
}

function guestLimitMessage(p: ApiProblem): string {
  const limit = p.number('limit')
  const window = p.number('windowSeconds')
  const why =
    limit !== undefined && window !== undefined
      ? `Guests can classify ${limit} ${limit === 1 ? 'picture' : 'pictures'} ${formatWindow(window)} from one network address.`
      : 'Guests can classify only a few pictures an hour from one network address.'
  const when = p.retryAfterSeconds ? `You can classify again in ${formatWait(p.retryAfterSeconds)}. ` : ''
  return `${when}${why} Sign up or sign in to classify more now.`
}

function rateLimitMessage(p: ApiProblem): string {
  return p.retryAfterSeconds ? `Too many attempts. Try again in ${formatWait(p.retryAfterSeconds)}.` : 'Too many attempts. Try again in a moment.'
}

/** A refused training (422 `training-refused`): what is wrong, then what to do about it. */
function trainingRefusedMessage(p: ApiProblem): string {
  const detail = p.detail ? `${p.detail} ` : ''
  switch (p.member('reason')) {
    case 'EMPTY_CLASS':
    case 'TOO_FEW_PICTURES':
      return `${detail}Add pictures to that album (upload several at once with the album chosen), then train again.`
    case 'TOO_FEW_CLASSES':
      return `${detail}Give the model another album.`
    case 'PICTURE_IN_TWO_CLASSES': {
      const conflicts = p.member('conflicts')
      const pairs = Array.isArray(conflicts)
        ? conflicts.map((c) => (Array.isArray((c as { labels?: unknown }).labels) ? ((c as { labels: string[] }).labels.join(' and ')) : '')).filter(Boolean)
        : []
      const where = pairs.length ? ` (in ${[...new Set(pairs)].slice(0, 3).join('; ')})` : ''
      return `The same picture is in more than one class${where}. Take it out of all but one album, then train again.`
    }
    default:
      return `${detail || 'These classes cannot be trained as they are. '}Check the albums, then train again.`
  }
}

function quotaMessage(p: ApiProblem): string {
  const limit = p.number('limit')
  if (p.member('quota') === 'models') return `You have ${limit ?? 'the most'} custom models already. Delete one you no longer use to make room.`
  if (p.member('quota') === 'pictures') return `${p.detail ?? 'The albums hold too many pictures for one training.'} Use fewer or smaller albums.`
  return p.detail ?? 'A limit of your account is reached.'
}

/** Names from a problem member that lists strings or `{name}` objects (`classes`, `models`). */
function namesOf(value: unknown): string[] {
  if (!Array.isArray(value)) return []
  return value
    .map((item) => (typeof item === 'string' ? item : typeof item?.name === 'string' ? (item.name as string) : ''))
    .filter(Boolean)
}

const messages: Record<string, (problem: ApiProblem) => string> = {
  'validation-failed': (p) => (p.errors.length ? p.errors.map((e) => e.message).join(' ') : 'Some fields need another look.'),
  'empty-image': () => 'That file is empty. Pick a picture with something in it.',
  'not-authenticated': () => 'Please sign in to do that.',
  'bad-credentials': () => 'That username or email and password do not match.',
  'csrf-token-invalid': () => 'Your session has changed. Reload the page and try again.',
  'not-found': () => 'This item does not exist (any more).',
  'model-not-found': () => 'That model is not available any more. Pick another one.',
  'username-taken': () => 'That username is already taken.',
  'email-taken': () => 'An account with that email already exists. Sign in instead?',
  // The api's detail names the size and the limit ("The image is 12.4 MB; at most 10 MB are accepted.").
  'image-too-large': (p) => (p.detail ? `${p.detail} Try a smaller picture.` : 'That picture is larger than the upload limit. Try a smaller one.'),
  'unsupported-image': () => 'That file is not a picture Zoolens can read. Use JPEG, PNG, WebP, GIF or BMP.',
  'corrupt-image': () => 'That picture seems damaged or cut off. Try another copy.',
  'too-many-pixels': (p) => (p.detail ? `${p.detail} Try a smaller version of it.` : 'That picture has too many pixels. Try a smaller version of it.'),
  // Every rule the password fails, at once (the API lists each in `errors`).
  'weak-password': (p) =>
    p.errors.length ? p.errors.map((e) => e.message).join(' ') : (p.detail ?? 'Choose a longer, less common password.'),
  'rate-limited': rateLimitMessage,
  'guest-limit-reached': guestLimitMessage,
  'session-ended': () => 'You were signed out — sign in again. Nothing was saved.',
  // Feedback on a custom model's answer names one of its classes (docs/api.md#custom-models).
  'not-a-class': (p) => {
    const classes = namesOf(p.member('classes'))
    return `That is not one of this model’s classes.${classes.length ? ` Pick one of: ${classes.join(', ')}.` : ' Pick one of its classes.'}`
  },
  'album-in-custom-model': (p) => {
    const models = namesOf(p.member('models'))
    return `This album is a class of ${models.length ? namesInWords(models.map((name) => `“${name}”`)) : 'a custom model'}. Remove the class from the model first, or delete the album together with the class.`
  },
  'album-name-taken': (p) => p.fieldError('name') ?? 'You already have an album with that name. Choose another one.',
  'storage-quota-exceeded': (p) => {
    const quota = p.number('quotaBytes')
    return `Your storage is full${quota ? ` (${formatBytes(quota)})` : ''}. Delete some pictures to make room, then try again.`
  },
  'request-too-large': () => 'That request is too large for Zoolens.',
  // Custom models (docs/api.md#custom-models).
  'model-name-taken': () => 'You already have a model with that name. Choose another one.',
  'album-not-found': () => 'An album of this model no longer exists. Take it out of the model (or pick other albums), then try again.',
  'training-refused': trainingRefusedMessage,
  'training-in-progress': () => 'This model is being trained already. Wait for that training to finish, or cancel it.',
  'training-finished': () => 'That training has already finished.',
  'quota-exceeded': quotaMessage,
  'model-version-not-found': () => 'That version of the model does not exist any more. Reload the page.',
  'version-active': () => 'That version is the active one. Activate another version first, then delete this one.',
  'classifier-unavailable': () => 'The classifier is not reachable right now.',
  // The api names what is away (sign-in and sessions, or the database) and that nothing is lost.
  'service-unavailable': (p) =>
    (p.detail ?? 'Part of Zoolens is unavailable right now; nothing is lost.') +
    (p.retryAfterSeconds ? ` (retry in ${p.retryAfterSeconds} s)` : ''),
  'api-unavailable': () => 'Zoolens is restarting or very busy right now. Nothing is lost; try again in a moment.',
  'network-error': () => 'Zoolens cannot be reached. Check your connection and try again.',
  timeout: () => 'Zoolens is taking too long to answer. Try again in a moment.',
  'server-error': () => 'Something went wrong on our side. Try again in a moment.',
  'unexpected-response': () => 'Zoolens sent an answer this page does not understand. Reload and try again.',
}

/** Worth trying the same thing again: the network, a timeout, the server or a rate limit, not the input. */
export function isRetryable(error: unknown): boolean {
  return (
    error instanceof ApiProblem &&
    // session-ended: the same request works once the person has signed in again (AppProblemAlert offers sign-in first)
    (error.status === 0 || error.status === 429 || error.status >= 500 || error.slug === 'session-ended')
  )
}

/** A sentence a person can act on, for any error thrown by the API client (or anything else). */
export function problemMessage(error: unknown): string {
  if (error instanceof ApiProblem) {
    const known = messages[error.slug]
    if (known) return known(error)
    return error.detail ?? (error.title.startsWith('HTTP ') ? 'Something went wrong. Try again.' : error.title)
  }
  if (error instanceof Error && error.message) return error.message
  return 'Something went wrong. Try again.'
}
