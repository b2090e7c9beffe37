// The one place that reads build-time environment values (VITE_* at `vite build`).
// Nothing here is secret: every value ends up in the public bundle.

function numberFrom(value: string | undefined, fallback: number): number {
  const parsed = Number(value)
  return value !== undefined && value !== '' && Number.isFinite(parsed) && parsed > 0 ? parsed : fallback
}

export const config = Object.freeze({
  /** Base of the public API as the browser sees it; the gateway (or `npm run dev`) routes it to the api-service. */
  apiBase: (import.meta.env.VITE_API_BASE ?? '/api').replace(/\/$/, ''),
  /** First wait before asking again about a queued classification; doubles up to `pollMaxIntervalMs`. */
  pollIntervalMs: numberFrom(import.meta.env.VITE_POLL_INTERVAL_MS, 2000),
  pollMaxIntervalMs: 15000,
  /** A plain JSON request is given up after this long (uploads have no such limit, they report progress). */
  requestTimeoutMs: numberFrom(import.meta.env.VITE_REQUEST_TIMEOUT_MS, 20000),
  /** After this long the UI says a request is slower than usual. */
  slowAfterMs: 4000,
  /** Mirrors the api-service default (ZOOLENS_UPLOAD_MAX_BYTES); the API remains the judge. */
  uploadMaxBytes: numberFrom(import.meta.env.VITE_UPLOAD_MAX_BYTES, 10 * 1024 * 1024),
  /** Mirrors the api-service default (ZOOLENS_UPLOAD_MAX_PIXELS); only used to word a refusal. */
  uploadMaxPixels: numberFrom(import.meta.env.VITE_UPLOAD_MAX_PIXELS, 40_000_000),
  /** Photos with a longer side than this (or over the byte limit) are shrunk in the browser before upload. */
  shrinkToSide: 2048,
  /** Types offered by the file picker; mirrors ZOOLENS_UPLOAD_ALLOWED_TYPES. */
  acceptedTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/bmp'] as readonly string[],
  historyPageSize: 24,
  /** While signed in, the first click or key after this long without a look asks whether the session still holds. */
  sessionCheckIntervalMs: numberFrom(import.meta.env.VITE_SESSION_CHECK_INTERVAL_MS, 60000),
  csrfCookie: 'XSRF-TOKEN',
  csrfHeader: 'X-XSRF-TOKEN',
})

export type AppConfig = typeof config
