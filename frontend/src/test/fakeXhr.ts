import { vi } from 'vitest'

export interface XhrReply {
  status: number
  body: unknown
  headers?: Record<string, string>
  /** Upload progress events to fire before the answer, as [loaded, total]. */
  progress?: [number, number][]
  /** Fail at the network level instead of answering. */
  networkError?: boolean
}

type ReplySource = XhrReply[] | ((xhr: FakeXhr) => XhrReply)

/** Minimal XMLHttpRequest stand-in: records requests, plays upload progress, then answers. */
export class FakeXhr {
  static requests: FakeXhr[] = []
  static replies: ReplySource = []
  static next = 0

  method = ''
  url = ''
  withCredentials = false
  status = 0
  responseText = ''
  requestHeaders: Record<string, string> = {}
  responseHeaders: Record<string, string> = {}
  body: Blob | null = null
  upload: { onprogress: ((event: ProgressEvent) => void) | null; onload: (() => void) | null } = { onprogress: null, onload: null }
  onload: (() => void) | null = null
  onerror: (() => void) | null = null
  ontimeout: (() => void) | null = null
  onabort: (() => void) | null = null

  open(method: string, url: string) {
    this.method = method
    this.url = url
  }

  /** A query parameter of the request's URL (an upload's file name, model, album), or null. */
  query(name: string): string | null {
    return new URL(this.url, 'https://zoolens.test').searchParams.get(name)
  }

  setRequestHeader(name: string, value: string) {
    this.requestHeaders[name] = value
  }

  getResponseHeader(name: string): string | null {
    const key = Object.keys(this.responseHeaders).find((candidate) => candidate.toLowerCase() === name.toLowerCase())
    return key ? (this.responseHeaders[key] ?? null) : null
  }

  abort() {
    queueMicrotask(() => this.onabort?.())
  }

  send(body: Blob) {
    this.body = body
    FakeXhr.requests.push(this)
    const source = FakeXhr.replies
    const reply = typeof source === 'function' ? source(this) : source[FakeXhr.next++]
    if (!reply) throw new Error('No more XHR replies stubbed')
    queueMicrotask(() => {
      if (reply.networkError) return this.onerror?.()
      for (const [loaded, total] of reply.progress ?? []) {
        this.upload.onprogress?.({ lengthComputable: true, loaded, total } as ProgressEvent)
      }
      this.upload.onload?.()
      this.status = reply.status
      this.responseText = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body)
      this.responseHeaders = { 'Content-Type': reply.status >= 400 ? 'application/problem+json' : 'application/json', ...(reply.headers ?? {}) }
      this.onload?.()
    })
  }
}

export function stubXhr(replies: ReplySource) {
  FakeXhr.requests = []
  FakeXhr.replies = replies
  FakeXhr.next = 0
  vi.stubGlobal('XMLHttpRequest', FakeXhr)
  return FakeXhr.requests
}
