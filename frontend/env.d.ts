/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Base path of the public API as the browser sees it (default `/api`). */
  readonly VITE_API_BASE?: string
  /** Interval between polls of a queued (PENDING) classification, in milliseconds. */
  readonly VITE_POLL_INTERVAL_MS?: string
  /** Time after which a plain API request is given up, in milliseconds. */
  readonly VITE_REQUEST_TIMEOUT_MS?: string
  /** Largest upload the app accepts before sending it (the API checks again). */
  readonly VITE_UPLOAD_MAX_BYTES?: string
  /** After how long without a look a signed-in tab's next click or key asks whether its session holds, in ms. */
  readonly VITE_SESSION_CHECK_INTERVAL_MS?: string
  /** The API's pixel limit, used to word a refusal (the API checks). */
  readonly VITE_UPLOAD_MAX_PIXELS?: string
}

interface ImportMeta {
  readonly env: ImportMetaEnv
}
