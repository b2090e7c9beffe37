// Names the SPA uses for the API's shapes. Every shape comes from the generated `openapi.d.ts`
// (`npm run api:generate` over `openapi.json`, which api-service's OpenApiDocumentIT keeps equal to
// `/api/openapi.json`; see frontend/README.md). Only SPA-side shapes (filters, the problem body) are written here.
import type { components } from './openapi'

type Schemas = components['schemas']

export type User = Schemas['UserResponse']
export type Classification = Schemas['ClassificationResponse']
export type ClassificationStatus = Classification['status']
// The api sends these as plain strings (validated with patterns); the SPA names the values it knows.
export type ModelTask = 'classification' | 'detection' | 'embedding'
export type ImageInfo = Schemas['ImageResponse']
export type LabelScore = Schemas['LabelScore']
export type Box = Schemas['Box']
export type DetectedObject = Schemas['Detection']
export type Feedback = Schemas['Feedback']
export type ResultThresholds = Schemas['Thresholds']
export type Page<T> = Omit<Schemas['PageResponseClassificationResponse'], 'items'> & { items: T[] }
export type Album = Schemas['AlbumResponse']
export type StatsTotals = Schemas['Totals']
/** One bar of "pictures per label"; the nothing-found entry has `label: null` and comes last. */
export type LabelStats = Schemas['LabelStats']
export type Stats = Schemas['StatsResponse']
export type ModelInfo = Schemas['ModelResponse']
export type ModelList = Schemas['ModelsResponse']
export type CsrfToken = Schemas['CsrfResponse']
/** `GET /api/auth/session`: who is here, and the limits that apply (docs/api.md). */
export type SessionState = Schemas['SessionResponse']
export type SessionLimits = Schemas['Limits']
export type SessionUsage = Schemas['Usage']
export type PasswordRule = Schemas['Rule']
export type PasswordRules = Schemas['PasswordRulesResponse']
export type PasswordCheck = Schemas['PasswordCheckResponse']
/** `POST /api/classifications/bulk`: `albumId` only for `file`, null takes the items out of their album. */
export type BulkAction = 'file' | 'delete'
export type BulkRequest = Omit<Schemas['BulkRequest'], 'action' | 'albumId'> & { action: BulkAction; albumId?: string | null }
export type BulkResult = Schemas['BulkResponse']

export type FeedbackFilter = 'none' | 'correct' | 'wrong'

export interface HistoryFilter {
  label?: string
  albumId?: string
  feedback?: FeedbackFilter
}

/** RFC 9457 body as the API sends it; extension members (`limit`, `retryAfterSeconds`, …) stay readable. */
export interface ProblemBody {
  type?: string
  title?: string
  status?: number
  detail?: string
  instance?: string
  errors?: { field: string; message: string; code?: string }[]
  [extension: string]: unknown
}
