import { vi } from 'vitest'

export interface RecordedCall {
  method: string
  url: string
  path: string
  search: URLSearchParams
  headers: Record<string, string>
  body: unknown
  credentials?: RequestCredentials
}

type Reply = { status?: number; body?: unknown; headers?: Record<string, string> } | (() => never)
type Handler = (call: RecordedCall) => Reply | Promise<Reply>

/** A fetch stand-in that answers by method and path; every call is recorded for assertions. */
export function stubFetch(routes: Record<string, Handler | Reply>) {
  const calls: RecordedCall[] = []
  const fetchMock = vi.fn(async (input: string | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost')
    const method = (init.method ?? 'GET').toUpperCase()
    const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>))
    const call: RecordedCall = {
      method,
      url: String(input),
      path: url.pathname,
      search: url.searchParams,
      headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body,
      credentials: init.credentials,
    }
    calls.push(call)
    const route = routes[`${method} ${url.pathname}`]
    if (!route) return jsonResponse(404, { type: 'https://zoolens.io/problems/not-found', title: 'Not found', status: 404 }, true)
    const reply = typeof route === 'function' ? await route(call) : route
    const { status = 200, body, headers: replyHeaders } = reply as Exclude<Reply, () => never>
    return jsonResponse(status, body, status >= 400, replyHeaders)
  })
  vi.stubGlobal('fetch', fetchMock)
  return { calls, fetchMock }
}

export function jsonResponse(status: number, body: unknown, problem = false, headers: Record<string, string> = {}): Response {
  const text = body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body)
  return new Response(status === 204 ? null : text, {
    status,
    headers: { 'Content-Type': problem ? 'application/problem+json' : 'application/json', ...headers },
  })
}

export function problem(status: number, slug: string, extra: Record<string, unknown> = {}) {
  return { status, body: { type: `https://zoolens.io/problems/${slug}`, title: slug, status, ...extra } }
}
