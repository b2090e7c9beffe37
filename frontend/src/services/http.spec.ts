import { describe, expect, it, vi } from 'vitest'
import { setCookie } from '@/test/setup'
import { stubFetch, problem } from '@/test/fetchStub'
import { stubXhr } from '@/test/fakeXhr'
import { createHttp, readCookie } from './http'
import { ApiProblem } from './problem'

function http(cookies = () => document.cookie, timeoutMs = 1000) {
  return createHttp({ baseUrl: '/api', timeoutMs, csrfCookie: 'XSRF-TOKEN', csrfHeader: 'X-XSRF-TOKEN', readCookies: cookies })
}

describe('http client', () => {
  it('sends cookies and no CSRF header on a GET, and leaves out empty query values', async () => {
    const { calls } = stubFetch({ 'GET /api/classifications': { body: { items: [] } } })
    await http().request('GET', '/classifications', { query: { page: 0, label: '', albumId: undefined, feedback: 'none' } })
    expect(calls[0]?.credentials).toBe('include')
    expect(calls[0]?.headers['X-XSRF-TOKEN']).toBeUndefined()
    expect(calls[0]?.url).toBe('/api/classifications?page=0&feedback=none')
  })

  it('copies the XSRF-TOKEN cookie into the X-XSRF-TOKEN header on state-changing requests', async () => {
    setCookie('XSRF-TOKEN', 'abc%2D123')
    const { calls } = stubFetch({ 'POST /api/albums': { status: 201, body: { id: 'a1' } } })
    await http().request('POST', '/albums', { body: { name: 'Cats' } })
    expect(calls).toHaveLength(1)
    expect(calls[0]?.headers['X-XSRF-TOKEN']).toBe('abc-123')
    expect(calls[0]?.headers['Content-Type']).toBe('application/json')
    expect(calls[0]?.body).toEqual({ name: 'Cats' })
  })

  it('asks for a CSRF cookie first when there is none yet', async () => {
    const { calls } = stubFetch({
      'GET /api/auth/csrf': () => {
        setCookie('XSRF-TOKEN', 'fresh')
        return { body: { headerName: 'X-XSRF-TOKEN', token: 'masked' } }
      },
      'POST /api/auth/logout': { status: 204 },
    })
    await http().request('POST', '/auth/logout')
    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual(['GET /api/auth/csrf', 'POST /api/auth/logout'])
    expect(calls[1]?.headers['X-XSRF-TOKEN']).toBe('fresh')
  })

  it('refreshes the token and retries once when the API says the CSRF token is invalid', async () => {
    setCookie('XSRF-TOKEN', 'stale')
    let attempts = 0
    const { calls } = stubFetch({
      'GET /api/auth/csrf': () => {
        setCookie('XSRF-TOKEN', 'rotated')
        return { body: { token: 'x' } }
      },
      'DELETE /api/albums/a1': (call) => {
        attempts++
        return call.headers['X-XSRF-TOKEN'] === 'rotated' ? { status: 204 } : problem(403, 'csrf-token-invalid')
      },
    })
    await http().request('DELETE', '/albums/a1')
    expect(attempts).toBe(2)
    expect(calls.map((call) => call.method)).toEqual(['DELETE', 'GET', 'DELETE'])
  })

  it('gives up after one retry when the token keeps being refused', async () => {
    setCookie('XSRF-TOKEN', 't')
    stubFetch({ 'GET /api/auth/csrf': { body: { token: 't' } }, 'POST /api/albums': problem(403, 'csrf-token-invalid') })
    await expect(http().request('POST', '/albums', { body: {} })).rejects.toMatchObject({ status: 403, slug: 'csrf-token-invalid' })
  })

  it('turns problem+json into an ApiProblem with fields, errors and Retry-After', async () => {
    stubFetch({
      'POST /api/auth/register': {
        status: 400,
        body: { type: 'https://zoolens.io/problems/validation-failed', title: 'Invalid', status: 400, detail: 'bad', errors: [{ field: 'email', message: 'must be an email' }] },
      },
      'POST /api/auth/login': { ...problem(429, 'rate-limited'), headers: { 'Retry-After': '30' } },
    })
    setCookie('XSRF-TOKEN', 't')
    const error = await http().request('POST', '/auth/register', { body: {} }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiProblem)
    expect((error as ApiProblem).slug).toBe('validation-failed')
    expect((error as ApiProblem).fieldError('email')).toBe('must be an email')
    const limited = (await http().request('POST', '/auth/login', { body: {} }).catch((e: unknown) => e)) as ApiProblem
    expect(limited.retryAfterSeconds).toBe(30)
  })

  it('reports an HTML error page from a proxy as a server error', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>Bad Gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } })))
    await expect(http().request('GET', '/stats')).rejects.toMatchObject({ status: 502, slug: 'server-error' })
  })

  it('reports a failed network as network-error and a silent server as timeout', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))))
    await expect(http().request('GET', '/stats')).rejects.toMatchObject({ status: 0, slug: 'network-error' })

    vi.stubGlobal(
      'fetch',
      vi.fn((_url: string, init: RequestInit) => new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))),
    )
    await expect(http(undefined, 20).request('GET', '/stats')).rejects.toMatchObject({ slug: 'timeout' })
  })

  it('returns nothing for 204 and parsed JSON otherwise', async () => {
    stubFetch({ 'GET /api/auth/me': { body: { id: 'u1' } }, 'GET /api/empty': { status: 204 } })
    expect(await http().request('GET', '/auth/me')).toEqual({ id: 'u1' })
    expect(await http().request('GET', '/empty')).toBeUndefined()
  })

  it('uploads with progress, the CSRF header and cookies, and tells 202 apart', async () => {
    setCookie('XSRF-TOKEN', 'up')
    const requests = stubXhr([{ status: 202, body: { id: 'c1', status: 'PENDING' }, headers: { Location: '/api/classifications/c1' }, progress: [[50, 200], [200, 200]] }])
    const progress: number[] = []
    const uploaded = vi.fn()
    const file = new Blob(['x'], { type: 'image/png' })
    const result = await http().upload('/classifications', file, { query: { filename: 'x.png' }, onProgress: (f) => progress.push(f), onUploaded: uploaded })
    expect(result).toMatchObject({ status: 202, location: '/api/classifications/c1', body: { status: 'PENDING' } })
    expect(progress).toEqual([0.25, 1, 1])
    expect(uploaded).toHaveBeenCalledOnce()
    expect(requests[0]?.requestHeaders['X-XSRF-TOKEN']).toBe('up')
    expect(requests[0]?.withCredentials).toBe(true)
    expect(requests[0]?.url).toBe('/api/classifications?filename=x.png')
    // the file is sent as the whole body, typed as bytes for the api to sniff
    expect(requests[0]?.requestHeaders['Content-Type']).toBe('application/octet-stream')
    expect(requests[0]?.body).toBe(file)
  })

  it('turns a refused upload into an ApiProblem and retries once on a stale CSRF token', async () => {
    setCookie('XSRF-TOKEN', 'old')
    stubFetch({ 'GET /api/auth/csrf': () => ((setCookie('XSRF-TOKEN', 'new')), { body: { token: 'n' } }) })
    const requests = stubXhr((xhr) =>
      xhr.requestHeaders['X-XSRF-TOKEN'] === 'new' ? problem(415, 'unsupported-image') : problem(403, 'csrf-token-invalid'),
    )
    const error = await http().upload('/classifications', new Blob()).catch((e: unknown) => e)
    expect(requests).toHaveLength(2)
    expect(error).toMatchObject({ status: 415, slug: 'unsupported-image' })
  })

  it('names the expected user on requests and uploads, and reports a 401 to such a request to the session guard', async () => {
    setCookie('XSRF-TOKEN', 't')
    const client = http()
    const ended = vi.fn()
    client.guardSession({ expectedUser: (method, path) => (path.startsWith('/auth/') ? null : 'u1'), ended })
    const { calls } = stubFetch({
      'GET /api/auth/csrf': { body: { token: 't' } },
      'GET /api/albums': problem(401, 'session-ended'),
      'POST /api/auth/login': problem(401, 'bad-credentials'),
      'GET /api/stats': problem(403, 'forbidden'),
    })
    await expect(client.request('GET', '/albums')).rejects.toMatchObject({ slug: 'session-ended' })
    expect(calls[0]?.headers['X-Expected-User']).toBe('u1')
    expect(ended).toHaveBeenCalledWith('u1', expect.objectContaining({ slug: 'session-ended' }))
    // no header, or not a 401 about the session: not the guard's business
    await client.request('POST', '/auth/login', { body: {} }).catch(() => undefined)
    await client.request('GET', '/stats').catch(() => undefined)
    expect(calls[1]?.headers['X-Expected-User']).toBeUndefined()
    expect(ended).toHaveBeenCalledTimes(1)

    const requests = stubXhr([problem(401, 'session-ended')])
    await expect(client.upload('/classifications', new Blob())).rejects.toMatchObject({ slug: 'session-ended' })
    expect(requests[0]?.requestHeaders['X-Expected-User']).toBe('u1')
    expect(ended).toHaveBeenCalledTimes(2)

    client.guardSession(null)
    stubFetch({ 'GET /api/albums': { body: [] } })
    await client.request('GET', '/albums')
    expect(ended).toHaveBeenCalledTimes(2)
  })

  it('reads a cookie among others and decodes it', () => {
    expect(readCookie('a=1; XSRF-TOKEN=x%3Dy; b=2', 'XSRF-TOKEN')).toBe('x=y')
    expect(readCookie('a=1', 'XSRF-TOKEN')).toBeNull()
  })
})
