// Names the SPA uses for the API's shapes, all taken from the generated `openapi.d.ts` (docs/frontend.md,
// "API types are generated"). They are looked up by endpoint, not by the api's schema names, so renaming a Java record
// changes nothing here. Only the SPA's own words (HistoryFilter's subset) are chosen here.
import type { components, paths } from './openapi'

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>
type Success<R> = R extends { 200: infer A } ? A : R extends { 201: infer A } ? A : R extends { 202: infer A } ? A : never
type ContentOf<A> = A extends { content: infer C } ? C[keyof C] : never
/** Not `never` when an endpoint has no such body: that would silently type-check anything. */
type Found<T> = [T] extends [never] ? { 'the OpenAPI document has no such body': never } : T
/** The body of the operation's success answer (200, else 201, else 202). */
export type Answer<P extends keyof paths, M extends Method> = Found<ContentOf<Success<Operation<P, M>['responses']>>>
/** The operation's JSON request body. */
export type Body<P extends keyof paths, M extends Method> = Found<
  Operation<P, M> extends { requestBody?: { content: { 'application/json': infer T } } } ? T : never
>
type Query<P extends keyof paths, M extends Method> = NonNullable<Operation<P, M>['parameters']['query']>

export type User = Answer<'/api/auth/me', 'get'>
export type RegisterRequest = Body<'/api/auth/register', 'post'>
export type LoginRequest = Body<'/api/auth/login', 'post'>
/** `GET /api/auth/session`: who is here, and the limits that apply (docs/api.md). */
export type SessionState = Answer<'/api/auth/session', 'get'>
export type SessionLimits = SessionState['limits']
export type SessionUsage = NonNullable<SessionState['usage']>
export type CsrfToken = Answer<'/api/auth/csrf', 'get'>
export type PasswordRules = Answer<'/api/auth/password-rules', 'get'>
export type PasswordRule = PasswordRules['rules'][number]
export type PasswordCheckRequest = Body<'/api/auth/password-check', 'post'>
export type PasswordCheck = Answer<'/api/auth/password-check', 'post'>

export type Classification = Answer<'/api/classifications/{id}', 'get'>
export type ClassificationStatus = Classification['status']
export type ImageInfo = Classification['image']
export type LabelScore = Classification['labels'][number]
export type DetectedObject = NonNullable<Classification['objects']>[number]
export type Box = DetectedObject['box']
export type Feedback = NonNullable<Classification['feedback']>
export type ResultThresholds = Classification['applied']
/** Why a custom model's reject rule did or did not call a photo none of its classes (docs/api.md). */
export type Rejection = NonNullable<Classification['reject']>
export type UploadQuery = Query<'/api/classifications', 'post'>
export type Page = Answer<'/api/classifications', 'get'>
export type FeedbackRequest = Body<'/api/classifications/{id}/feedback', 'put'>
export type FileRequest = Body<'/api/classifications/{id}', 'patch'>
/** `POST /api/classifications/bulk`: `albumId` only for `file`, null takes the items out of their album. */
export type BulkRequest = Body<'/api/classifications/bulk', 'post'>
export type BulkAction = BulkRequest['action']
export type BulkResult = Answer<'/api/classifications/bulk', 'post'>
type ListFilter = Query<'/api/classifications', 'get'>['filter']
/** What History filters by (the list endpoint also takes `status`, which the SPA does not use). */
export type HistoryFilter = Pick<ListFilter, 'label' | 'albumId' | 'feedback'>
export type FeedbackFilter = NonNullable<ListFilter['feedback']>

export type Album = Answer<'/api/albums/{id}', 'get'>
export type AlbumCreateRequest = Body<'/api/albums', 'post'>
export type AlbumUpdateRequest = Body<'/api/albums/{id}', 'patch'>

export type Stats = Answer<'/api/stats', 'get'>
export type StatsTotals = Stats['totals']
/** One bar of "pictures per label"; the nothing-found entry has `label: null` and comes last. */
export type LabelStats = Stats['labels'][number]

export type ModelList = Answer<'/api/models', 'get'>
export type ModelInfo = ModelList['models'][number]

/**
 * An RFC 9457 body (the api's `Problem`, extension members such as `limit` or `retryAfterSeconds` included). Every
 * member is optional here: the body may come from a proxy, or be made in the browser for a network failure.
 */
export type ProblemBody = Partial<components['schemas']['Problem']>
export type FieldError = NonNullable<ProblemBody['errors']>[number]
