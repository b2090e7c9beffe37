import { describe, expect, it } from 'vitest'
import { ApiProblem, clientProblem, isRetryable, parseRetryAfter, problemFromResponse, problemMessage } from './problem'

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

  it('tells how long to wait when rate-limited', () => {
    const limited = problemFromResponse(429, 'application/problem+json', JSON.stringify({ type: 'https://zoolens.io/problems/rate-limited' }), '12')
    expect(problemMessage(limited)).toBe('Too many attempts. Try again in 12 s.')
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
    expect(isRetryable(new Error('x'))).toBe(false)
  })
})
