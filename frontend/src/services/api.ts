import { config } from '@/config'
import { createCustomModelsApi } from './customModels'
import { createHttp, type Http, type SessionGuard, type UploadOptions } from './http'
import { createModelFeedbackApi } from './modelFeedback'
import type {
  Album,
  AlbumCreateRequest,
  AlbumUpdateRequest,
  BulkRequest,
  BulkResult,
  Classification,
  FeedbackRequest,
  FileRequest,
  HistoryFilter,
  LoginRequest,
  ModelList,
  Page,
  PasswordCheck,
  PasswordCheckRequest,
  PasswordRules,
  RegisterRequest,
  ResultThresholds,
  UploadQuery,
  SessionState,
  Stats,
  User,
} from './types'
import { ApiProblem } from './problem'

export { ApiProblem, isRetryable, problemMessage } from './problem'
export type * from './types'

export interface ClassifyRequest {
  image: Blob
  filename?: string
  model?: UploadQuery['model']
  albumId?: UploadQuery['albumId']
  /** One of the person's custom models (its active version unless `modelVersion` names another); not with `model`. */
  customModelId?: UploadQuery['customModelId']
  modelVersion?: UploadQuery['modelVersion']
}

export interface ClassifyAnswer {
  classification: Classification
  /** 202: the classifier was down or slow, the API keeps the upload and retries by itself. */
  queued: boolean
}

/** The one typed client of the public API (docs/api.md). */
export function createApi(http: Http) {
  const { request } = http
  const id = encodeURIComponent

  return {
    auth: {
      /** The signed-in user, or null for a guest. */
      async me(): Promise<User | null> {
        try {
          return await request<User>('GET', '/auth/me')
        } catch (error) {
          if (error instanceof ApiProblem && error.status === 401) return null
          throw error
        }
      },
      register: (body: RegisterRequest) => request<User>('POST', '/auth/register', { body }),
      login: (body: LoginRequest) => request<User>('POST', '/auth/login', { body }),
      logout: () => request<void>('POST', '/auth/logout'),
      logoutEverywhere: () => request<void>('POST', '/auth/logout-everywhere'),
      refreshCsrfToken: () => http.refreshCsrfToken(),
      /** Who is here and which limits apply; always 200, a guest gets `user: null` (what the app uses, not `me`). */
      session: () => request<SessionState>('GET', '/auth/session'),
      passwordRules: () => request<PasswordRules>('GET', '/auth/password-rules'),
      checkPassword: (body: PasswordCheckRequest, signal?: AbortSignal) =>
        request<PasswordCheck>('POST', '/auth/password-check', { body, signal }),
      /** See http.ts: the auth store tells the transport who it believes is signed in. */
      guardSession: (guard: SessionGuard | null) => http.guardSession(guard),
    },
    account: {
      remove: () => request<void>('DELETE', '/account'),
    },
    classifications: {
      async create(input: ClassifyRequest, upload?: UploadOptions): Promise<ClassifyAnswer> {
        // The file as the whole body, the rest in the query: the api need not scan a form for its boundary.
        const query = {
          filename: input.filename ?? (input.image instanceof File ? input.image.name : 'photo.jpg'),
          model: input.model,
          albumId: input.albumId,
          customModelId: input.customModelId,
          modelVersion: input.modelVersion,
        } satisfies UploadQuery
        const answer = await http.upload<Classification>('/classifications', input.image, { ...upload, query })
        return { classification: answer.body, queued: answer.status === 202 }
      },
      list: (filter: HistoryFilter, page = 0, size = config.historyPageSize, signal?: AbortSignal) =>
        request<Page>('GET', '/classifications', {
          query: { page, size, sort: 'createdAt,desc', label: filter.label, albumId: filter.albumId, feedback: filter.feedback },
          signal,
        }),
      /** With thresholds, the stored answer is filtered with those instead of the defaults (topK 5, minScore 0.3). */
      get: (classificationId: string, signal?: AbortSignal, thresholds?: Partial<ResultThresholds>) =>
        request<Classification>('GET', `/classifications/${id(classificationId)}`, { signal, query: thresholds }),
      giveFeedback: (classificationId: string, body: FeedbackRequest) =>
        request<Classification>('PUT', `/classifications/${id(classificationId)}/feedback`, { body }),
      fileInto: (classificationId: string, albumId: FileRequest['albumId']) =>
        request<Classification>('PATCH', `/classifications/${id(classificationId)}`, { body: { albumId } satisfies FileRequest }),
      remove: (classificationId: string) => request<void>('DELETE', `/classifications/${id(classificationId)}`),
      /** File (albumId, or null to take out) or delete up to 100 own items at once. */
      bulk: (body: BulkRequest) => request<BulkResult>('POST', '/classifications/bulk', { body }),
    },
    albums: {
      list: () => request<Album[]>('GET', '/albums'),
      get: (albumId: string) => request<Album>('GET', `/albums/${id(albumId)}`),
      create: (body: AlbumCreateRequest) => request<Album>('POST', '/albums', { body }),
      update: (albumId: string, body: AlbumUpdateRequest) => request<Album>('PATCH', `/albums/${id(albumId)}`, { body }),
      /**
       * 409 `album-in-custom-model` when the album is a class of a custom model, unless `removeClass`: then the api
       * drops it from those models' classes first.
       */
      remove: (albumId: string, removeClass = false) =>
        request<void>('DELETE', `/albums/${id(albumId)}`, { query: { customModels: removeClass ? 'remove-class' : undefined } }),
    },
    stats: {
      get: () => request<Stats>('GET', '/stats'),
    },
    /** Feedback that teaches custom models: choices for Classify, examples, version stats (services/modelFeedback.ts). */
    modelFeedback: createModelFeedbackApi(http),
    models: {
      list: () => request<ModelList>('GET', '/models'),
    },
    /** The person's own trained models (services/customModels.ts). */
    customModels: createCustomModelsApi(http),
  }
}

export type Api = ReturnType<typeof createApi>

export const api: Api = createApi(
  createHttp({
    baseUrl: config.apiBase,
    timeoutMs: config.requestTimeoutMs,
    csrfCookie: config.csrfCookie,
    csrfHeader: config.csrfHeader,
  }),
)
