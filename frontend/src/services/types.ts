// Shapes of the public API (docs/api.md). Field names follow the contract exactly.

export interface User {
  id: string
  username: string
  email: string
  createdAt: string
}

export type ClassificationStatus = 'PENDING' | 'DONE' | 'FAILED'
export type ModelTask = 'classification' | 'detection' | 'embedding'

export interface ImageInfo {
  contentType: string
  width: number
  height: number
  bytes: number
  sha256: string
  url: string
  thumbnailUrl: string
}

export interface LabelScore {
  label: string
  score: number
}

export interface Box {
  x: number
  y: number
  width: number
  height: number
}

export interface DetectedObject extends LabelScore {
  box: Box
}

export interface Feedback {
  correct: boolean
  label: string | null
  givenAt: string
}

export interface Classification {
  id: string
  status: ClassificationStatus
  createdAt: string
  classifiedAt: string | null
  originalFilename: string | null
  image: ImageInfo
  model: { name: string; version: string; task: ModelTask } | null
  topLabel: string | null
  topScore: number | null
  labels: LabelScore[]
  objects?: DetectedObject[] | null
  timings?: { decodeMs?: number; preprocessMs?: number; inferenceMs?: number; classifierMs?: number } | null
  albumId: string | null
  feedback: Feedback | null
  attempts: number
  error?: { type: string; detail?: string } | null
  // Issue 12 (contract E). Optional because an api replica one version behind (rolling upgrade) leaves them out.
  /** False when DONE and no label reaches the upload's minScore. */
  recognised?: boolean
  /** When not recognised: the best (up to 3) labels below minScore; else empty. */
  hints?: LabelScore[]
  /** How many label scores the stored answer has (what "show all labels" can show). */
  labelCount?: number
  /** The thresholds `labels` and `objects` were filtered with. */
  applied?: ResultThresholds
  album?: { id: string; name: string } | null
}

export interface Page<T> {
  items: T[]
  page: number
  size: number
  totalItems: number
  totalPages: number
}

export type FeedbackFilter = 'none' | 'correct' | 'wrong'

export interface HistoryFilter {
  label?: string
  albumId?: string
  feedback?: FeedbackFilter
}

export interface Album {
  id: string
  name: string
  description: string | null
  createdAt: string
  itemCount: number
  coverThumbnailUrl: string | null
}

export interface AccuracyCounts {
  count: number
  withFeedback: number
  correct: number
  accuracy: number | null
}

export interface StatsTotals {
  classifications: number
  pending: number
  failed: number
  /** Done items with a label at or above their upload's threshold, and those without one. */
  recognised: number
  nothingFound: number
  withFeedback: number
  correct: number
  /** Over recognised items only: `correct / (withFeedback - nothingFoundWithFeedback)`. */
  accuracy: number | null
  nothingFoundWithFeedback: number
}

/** One bar of "pictures per label"; the nothing-found entry has `label: null` and comes last. */
export interface LabelStats extends AccuracyCounts {
  label: string | null
  nothingFound: boolean
}

export interface Stats {
  totals: StatsTotals
  labels: LabelStats[]
  models: (AccuracyCounts & { name: string; version: string })[]
  days: { date: string; count: number; correct: number; wrong: number }[]
}

export interface ModelInfo {
  name: string
  task: ModelTask
  description?: string | null
  activeVersion: string
  versions: string[]
  labels: string[]
}

export interface ModelList {
  defaultModel: string
  models: ModelInfo[]
}

export interface CsrfToken {
  headerName: string
  token: string
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

/** `GET /api/auth/session`: who is here, and the limits that apply (docs/api.md). */
export interface SessionLimits {
  guestUploads: { max: number; windowSeconds: number; perAddress: boolean }
  upload: { maxBytes: number; maxPixels: number; allowedTypes: string[] }
  accountUploads: { max: number; windowSeconds: number }
  storageQuotaBytes: number
}

export interface SessionUsage {
  items: number
  storedBytes: number
  quotaBytes: number
}

export interface SessionState {
  user: User | null
  /** The request had a guest session (a guest who uploaded). */
  guest: boolean
  limits: SessionLimits
  usage: SessionUsage | null
}

export interface PasswordRule {
  code: string
  text: string
}

export interface PasswordRules {
  minLength: number
  maxBytes: number
  rules: PasswordRule[]
}

export interface PasswordCheck {
  acceptable: boolean
  failed: PasswordRule[]
}

export type BulkAction = 'file' | 'delete'

/** `POST /api/classifications/bulk`: `albumId` only for `file`, null takes the items out of their album. */
export interface BulkRequest {
  ids: string[]
  action: BulkAction
  albumId?: string | null
}

export interface BulkResult {
  action: BulkAction
  updated: number
  notFound: string[]
}

/** `topK` (1–100) and `minScore` (0–1) of an upload or a re-read of a classification. */
export interface ResultThresholds {
  topK: number
  minScore: number
}
