import { ApiProblem, clientProblem, problemFromResponse } from './problem'

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
export type Query = Record<string, string | number | undefined | null>

export interface HttpOptions {
  baseUrl: string
  timeoutMs: number
  csrfCookie: string
  csrfHeader: string
  /** Read at call time so tests (and a page without cookies) can swap them. */
  readCookies?: () => string
}

export interface UploadResult<T> {
  status: number
  body: T
  location: string | null
}

export interface UploadOptions {
  /** Query parameters of the upload's URL. */
  query?: Query
  onProgress?: (fraction: number) => void
  /** Called once every byte has left the browser: from then on the server is working. */
  onUploaded?: () => void
  signal?: AbortSignal
}

const JSON_ACCEPT = 'application/json, application/problem+json'

/** Names the account the app believes is signed in; the API refuses (401 `session-ended`) when that is not so. */
export const EXPECTED_USER_HEADER = 'X-Expected-User'

/**
 * How the transport learns who the app believes is signed in (the auth store), and tells it when the API says
 * otherwise. Kept apart from the store so this module needs no Pinia.
 */
export interface SessionGuard {
  /** The user id to send as `X-Expected-User` on this request, or null to send none. */
  expectedUser(method: Method, path: string): string | null
  /** A request sent as `expectedUser` came back 401: that session is over. */
  ended(expectedUser: string, problem: ApiProblem): void
}

/** 401 to a request that named its user: the session behind it has ended (signed out elsewhere, idle timeout). */
function endsSession(problem: ApiProblem): boolean {
  return problem.status === 401 && (problem.slug === 'session-ended' || problem.slug === 'not-authenticated')
}

export function readCookie(cookies: string, name: string): string | null {
  for (const part of cookies.split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return decodeURIComponent(rest.join('=')) || null
  }
  return null
}

function abortError(): DOMException {
  return new DOMException('The request was cancelled', 'AbortError')
}

/**
 * The transport under the typed client: fetch for JSON, XMLHttpRequest for uploads (progress events).
 * Sends cookies, adds the CSRF header on state-changing requests, and turns every failure into an ApiProblem.
 */
export function createHttp(options: HttpOptions) {
  const cookies = options.readCookies ?? (() => (typeof document === 'undefined' ? '' : document.cookie))
  let tokenFromBody: string | null = null
  let pendingToken: Promise<string> | null = null
  let guard: SessionGuard | null = null

  /** Installs (or, with null, removes) the session guard; the auth store installs itself. */
  function guardSession(next: SessionGuard | null) {
    guard = next
  }

  /** Tells the guard about a 401 to a request that carried `X-Expected-User`; the problem is thrown on as usual. */
  function checkSession(problem: ApiProblem, expected: string | null): ApiProblem {
    if (expected && endsSession(problem)) guard?.ended(expected, problem)
    return problem
  }

  const url = (path: string, query?: Query) => {
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null && value !== '') params.set(key, String(value))
    }
    const search = params.toString()
    return `${options.baseUrl}${path}${search ? `?${search}` : ''}`
  }

  async function send(
    method: Method,
    path: string,
    init: { body?: unknown; query?: Query; signal?: AbortSignal; token?: string; expectedUser?: string | null },
  ): Promise<Response> {
    const controller = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, options.timeoutMs)
    const onAbort = () => controller.abort()
    init.signal?.addEventListener('abort', onAbort)
    const headers: Record<string, string> = { Accept: JSON_ACCEPT }
    if (init.body !== undefined) headers['Content-Type'] = 'application/json'
    if (init.token) headers[options.csrfHeader] = init.token
    if (init.expectedUser) headers[EXPECTED_USER_HEADER] = init.expectedUser
    try {
      return await fetch(url(path, init.query), {
        method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        credentials: 'include',
        signal: controller.signal,
      })
    } catch (error) {
      if (init.signal?.aborted) throw abortError()
      if (timedOut) throw clientProblem('timeout', 'The request timed out')
      throw error instanceof ApiProblem ? error : clientProblem('network-error', 'The network request failed')
    } finally {
      clearTimeout(timer)
      init.signal?.removeEventListener('abort', onAbort)
    }
  }

  async function problemOf(response: Response): Promise<ApiProblem> {
    const text = await response.text().catch(() => '')
    return problemFromResponse(response.status, response.headers.get('Content-Type'), text, response.headers.get('Retry-After'))
  }

  /** Asks the API to (re)issue the CSRF cookie; the body's token is only a fallback for when cookies cannot be read. */
  async function refreshCsrfToken(): Promise<string> {
    pendingToken ??= (async () => {
      const response = await send('GET', '/auth/csrf', {})
      if (!response.ok) throw await problemOf(response)
      const body = (await response.json().catch(() => ({}))) as { token?: string }
      tokenFromBody = body.token ?? null
      return readCookie(cookies(), options.csrfCookie) ?? tokenFromBody ?? ''
    })().finally(() => {
      pendingToken = null
    })
    return pendingToken
  }

  async function csrfToken(): Promise<string> {
    return readCookie(cookies(), options.csrfCookie) ?? tokenFromBody ?? (await refreshCsrfToken())
  }

  const isCsrfProblem = (problem: ApiProblem) => problem.status === 403 && problem.slug === 'csrf-token-invalid'

  async function request<T>(method: Method, path: string, init: { body?: unknown; query?: Query; signal?: AbortSignal } = {}): Promise<T> {
    const stateChanging = method !== 'GET'
    for (let attempt = 0; ; attempt++) {
      const token = stateChanging ? await csrfToken() : undefined
      const expectedUser = guard?.expectedUser(method, path) ?? null
      const response = await send(method, path, { ...init, token, expectedUser })
      if (response.ok) {
        if (response.status === 204) return undefined as T
        const text = await response.text()
        if (!text) return undefined as T
        try {
          return JSON.parse(text) as T
        } catch {
          throw clientProblem('unexpected-response', 'The answer was not JSON', response.status)
        }
      }
      const problem = await problemOf(response)
      // A token rotated by sign-in or an expired session: fetch a fresh one and try once more.
      if (stateChanging && attempt === 0 && isCsrfProblem(problem)) {
        tokenFromBody = null
        await refreshCsrfToken()
        continue
      }
      throw checkSession(problem, expectedUser)
    }
  }

  function xhrOnce<T>(path: string, file: Blob, token: string, upload: UploadOptions): Promise<UploadResult<T>> {
    const expectedUser = guard?.expectedUser('POST', path) ?? null
    return new Promise<UploadResult<T>>((resolve, reject) => {
      if (upload.signal?.aborted) return reject(abortError())
      const xhr = new XMLHttpRequest()
      xhr.open('POST', url(path, upload.query))
      xhr.withCredentials = true
      xhr.setRequestHeader('Accept', JSON_ACCEPT)
      xhr.setRequestHeader(options.csrfHeader, token)
      // the file goes as it is; the api sniffs its type from the bytes, whatever the browser calls it
      xhr.setRequestHeader('Content-Type', 'application/octet-stream')
      if (expectedUser) xhr.setRequestHeader(EXPECTED_USER_HEADER, expectedUser)
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) upload.onProgress?.(Math.min(1, event.loaded / event.total))
      }
      xhr.upload.onload = () => {
        upload.onProgress?.(1)
        upload.onUploaded?.()
      }
      xhr.onload = () => {
        const contentType = xhr.getResponseHeader('Content-Type')
        if (xhr.status >= 200 && xhr.status < 300) {
          try {
            resolve({ status: xhr.status, body: JSON.parse(xhr.responseText) as T, location: xhr.getResponseHeader('Location') })
          } catch {
            reject(clientProblem('unexpected-response', 'The answer was not JSON', xhr.status))
          }
          return
        }
        reject(checkSession(problemFromResponse(xhr.status, contentType, xhr.responseText, xhr.getResponseHeader('Retry-After')), expectedUser))
      }
      xhr.onerror = () => reject(clientProblem('network-error', 'The upload failed'))
      xhr.ontimeout = () => reject(clientProblem('timeout', 'The upload timed out'))
      xhr.onabort = () => reject(abortError())
      upload.signal?.addEventListener('abort', () => xhr.abort(), { once: true })
      xhr.send(file)
    })
  }

  /** POST of a file as the whole body, with upload progress. */
  async function upload<T>(path: string, file: Blob, watch: UploadOptions = {}): Promise<UploadResult<T>> {
    try {
      return await xhrOnce<T>(path, file, await csrfToken(), watch)
    } catch (error) {
      if (!(error instanceof ApiProblem) || !isCsrfProblem(error)) throw error
      tokenFromBody = null
      await refreshCsrfToken()
      return xhrOnce<T>(path, file, await csrfToken(), watch)
    }
  }

  return { request, upload, refreshCsrfToken, url, guardSession }
}

export type Http = ReturnType<typeof createHttp>
