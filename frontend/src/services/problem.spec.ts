import { describe, expect, it } from 'vitest'
import { ApiProblem, clientProblem, formatWait, formatWindow, isRetryable, parseRetryAfter, problemFromResponse, problemMessage } from './problem'

describe('problems', () => {
  it('explains known problem types in plain words', () => {
    const unsupported = problemFromResponse(415, 'application/problem+json', JSON.stringify({ type: 'https://zoolens.io/problems/unsupported-image', title: 'Unsupported', status: 415 }), null)
    expect(problemMessage(unsupported)).toMatch(/not a picture Zoolens can read/)
    expect(problemMessage(clientProblem('network-error', 'x'))).toMatch(/cannot be reached/)
  })

  it('uses the detail of an unknown type, and field messages for validation errors', () => {
    expect(problemMessage(new ApiProblem({ type: 'https://zoolens.io/problems/new-thing', title: 'T', detail: 'Readable detail' }, 400))).toBe('Readable detail')
    const invalid = new ApiProblem({ type: 'https://zoolens.io/problems/validation-failed', errors: [{ field: 'name', message: 'Name is required.' }] }, 400)
    expect(problemMessage(invalid)).toBe('Name is required.')
  })

  it('tells how long to wait when rate-limited: seconds under a minute and a half, then minutes', () => {
    const limited = (retryAfter: string) =>
      problemMessage(problemFromResponse(429, 'application/problem+json', JSON.stringify({ type: 'https://zoolens.io/problems/rate-limited' }), retryAfter))
    expect(limited('12')).toBe('Too many attempts. Try again in 12 seconds.')
    expect(limited('89')).toBe('Too many attempts. Try again in 89 seconds.')
    expect(limited('2874')).toBe('Too many attempts. Try again in about 48 minutes.')
    const fromBody = problemFromResponse(429, 'application/problem+json', JSON.stringify({ type: 'https://zoolens.io/problems/rate-limited', retryAfterSeconds: 150 }), null)
    expect(problemMessage(fromBody)).toBe('Too many attempts. Try again in about 3 minutes.')
  })

  it('says how long a guest waits, why, and that an account lifts the limit', () => {
    const body = {
      type: 'https://zoolens.io/problems/guest-limit-reached',
      status: 429,
      limit: 30,
      windowSeconds: 3600,
      retryAfterSeconds: 2874,
      detail: 'Guests can classify 30 pictures an hour from one network address. Sign up or sign in to classify more.',
    }
    const problem = problemFromResponse(429, 'application/problem+json', JSON.stringify(body), '2874')
    expect(problemMessage(problem)).toBe(
      'You can classify again in about 48 minutes. Guests can classify 30 pictures an hour from one network address. Sign up or sign in to classify more now.',
    )
    expect(problem.number('limit')).toBe(30)
    expect(problem.number('detail')).toBeUndefined()
  })

  it('formats waits and windows as people say them', () => {
    expect(formatWait(1)).toBe('1 second')
    expect(formatWait(60)).toBe('60 seconds')
    expect(formatWait(90)).toBe('about 2 minutes')
    expect(formatWait(3540)).toBe('about 59 minutes')
    expect(formatWait(3600)).toBe('about an hour')
    expect(formatWait(5400)).toBe('about 2 hours')
    expect(formatWindow(3600)).toBe('an hour')
    expect(formatWindow(900)).toBe('every 15 minutes')
  })

  it('lists every failed password rule at once', () => {
    const weak = new ApiProblem(
      {
        type: 'https://zoolens.io/problems/weak-password',
        detail: 'Choose another password.',
        errors: [
          { field: 'password', code: 'min-length', message: 'At least 10 characters.' },
          { field: 'password', code: 'not-personal', message: 'Must not contain your username.' },
        ],
      },
      422,
    )
    expect(problemMessage(weak)).toBe('At least 10 characters. Must not contain your username.')
  })

  it('explains an ended session and an album name that is taken', () => {
    expect(problemMessage(new ApiProblem({ type: 'https://zoolens.io/problems/session-ended' }, 401))).toMatch(/^You were signed out — sign in again/)
    expect(problemMessage(new ApiProblem({ type: 'https://zoolens.io/problems/album-name-taken' }, 409))).toMatch(/already have an album with that name/)
  })

  it('keeps the status when the error body is not JSON', () => {
    const broken = problemFromResponse(400, 'application/json', '{not json', null)
    expect(broken.status).toBe(400)
    expect(problemMessage(broken)).toBe('Something went wrong. Try again.')
  })

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('5')).toBe(5)
    expect(parseRetryAfter('Wed, 25 Nov 2026 20:00:10 GMT', Date.parse('2026-11-25T20:00:00Z'))).toBe(10)
    expect(parseRetryAfter(null)).toBeUndefined()
  })

  it('says what is away, that nothing is lost and when to retry while a part of Zoolens is down', () => {
    const body = {
      type: 'https://zoolens.io/problems/service-unavailable',
      status: 503,
      detail: 'Sign-in and sessions are unavailable right now; your account and data are safe. Try again in a moment.',
    }
    const sessionsAway = problemFromResponse(503, 'application/problem+json', JSON.stringify(body), '5')
    expect(problemMessage(sessionsAway)).toBe(`${body.detail} (retry in 5 s)`)
    expect(isRetryable(sessionsAway)).toBe(true)
    const noDetail = problemFromResponse(503, 'application/problem+json', JSON.stringify({ type: body.type }), null)
    expect(problemMessage(noDetail)).toMatch(/unavailable right now; nothing is lost/)
    const gateway = problemFromResponse(503, 'application/problem+json', JSON.stringify({ type: 'https://zoolens.io/problems/api-unavailable' }), null)
    expect(problemMessage(gateway)).toMatch(/restarting or very busy/)
  })

  it('falls back to an error message for anything else', () => {
    expect(problemMessage(new Error('Plain'))).toBe('Plain')
    expect(problemMessage('??')).toBe('Something went wrong. Try again.')
  })
  it('offers a retry only where trying again can help', () => {
    expect(isRetryable(clientProblem('network-error', 'x'))).toBe(true)
    expect(isRetryable(new ApiProblem({}, 503))).toBe(true)
    expect(isRetryable(new ApiProblem({}, 429))).toBe(true)
    expect(isRetryable(new ApiProblem({}, 415))).toBe(false)
    // the same upload works once the person has signed in again
    expect(isRetryable(new ApiProblem({ type: 'https://zoolens.io/problems/session-ended' }, 401))).toBe(true)
    expect(isRetryable(new ApiProblem({ type: 'https://zoolens.io/problems/not-authenticated' }, 401))).toBe(false)
    expect(isRetryable(new Error('x'))).toBe(false)
  })
})
