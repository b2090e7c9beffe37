// Custom models (docs/api.md#custom-models): the SPA's names for their shapes and the calls of the Models page.
// The shapes come from the generated openapi.d.ts, looked up by endpoint as in types.ts.
import type { Http } from './http'
import type { Answer, Body } from './types'


type ModelAnswer = Answer<'/api/custom-models/{id}', 'get'>
type VersionAnswer = ModelAnswer['versions'][number]
type JobAnswer = Answer<'/api/custom-models/{id}/trainings/{jobId}', 'get'>
type SummaryAnswer = NonNullable<ModelAnswer['currentTraining']>

export type TrainingState = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED'
export type TrainingStage = 'QUEUED' | 'FEATURES' | 'TRAINING' | 'DONE'
/** Why a training FAILED (`album-deleted`, `training-refused`, `classifier-unavailable`, …) with a sentence. */
export type TrainingError = NonNullable<JobAnswer['error']>

// The api's document types `state`/`stage` as strings and some members as never null (docs/api.md says which may
// be): narrowed here to what the API documents.
/** A training job (`Training` in docs/api.md). */
export type TrainingJob = Omit<JobAnswer, 'state' | 'stage' | 'version' | 'error' | 'startedAt' | 'finishedAt'> & {
  state: TrainingState
  stage: TrainingStage
  version: string | null
  error: TrainingError | null
  startedAt: string | null
  finishedAt: string | null
}
/** `currentTraining` of a model: the QUEUED or RUNNING job in short. */
export type TrainingSummary = Omit<SummaryAnswer, 'state' | 'stage'> & { state: TrainingState; stage: TrainingStage }
export type ClassFigures = VersionAnswer['metrics']['perClass'][number]
export type VersionMetrics = VersionAnswer['metrics']
/** A training picture the cross-validation named wrongly; `pictureId` is its classification id (may be deleted since). */
export type MisclassifiedPicture = VersionMetrics['misclassified'][number]
export type ModelVersion = Omit<VersionAnswer, 'metrics'> & { metrics: VersionMetrics }
/** A class of the model: an album, `name` null once the album was deleted. */
export type ModelClass = Omit<ModelAnswer['classes'][number], 'name'> & { name: string | null }
export type CustomModel = Omit<ModelAnswer, 'versions' | 'activeVersion' | 'currentTraining' | 'classes'> & {
    classes: ModelClass[]
    versions: ModelVersion[]
    /** null until the first training succeeds */
    activeVersion: string | null
    currentTraining: TrainingSummary | null
  }
export type CustomModelCreateRequest = Body<'/api/custom-models', 'post'>
export type CustomModelUpdateRequest = Body<'/api/custom-models/{id}', 'patch'>

export const TERMINAL_STATES: readonly TrainingState[] = ['SUCCEEDED', 'FAILED', 'CANCELLED']
export const isFinished = (job: Pick<TrainingJob, 'state'>) => TERMINAL_STATES.includes(job.state)

/** The calls of the Models page, on the one HTTP client (CSRF, session guard, problems: http.ts). */
export function createCustomModelsApi(http: Pick<Http, 'request' | 'url'>) {
  const { request } = http
  const id = encodeURIComponent
  const model = (modelId: string) => `/custom-models/${id(modelId)}`
  const training = (modelId: string, jobId: string) => `${model(modelId)}/trainings/${id(jobId)}`

  return {
    list: () => request<CustomModel[]>('GET', '/custom-models'),
    get: (modelId: string) => request<CustomModel>('GET', model(modelId)),
    create: (body: CustomModelCreateRequest) => request<CustomModel>('POST', '/custom-models', { body }),
    update: (modelId: string, body: CustomModelUpdateRequest) => request<CustomModel>('PATCH', model(modelId), { body }),
    remove: (modelId: string) => request<void>('DELETE', model(modelId)),
    /** Activate a version, or roll back to an older one. */
    activate: (modelId: string, version: string) =>
      request<CustomModel>('PUT', `${model(modelId)}/active-version`, { body: { version } satisfies Body<'/api/custom-models/{id}/active-version', 'put'> }),
    /** 409 `version-active` for the active version. */
    removeVersion: (modelId: string, version: string) => request<void>('DELETE', `${model(modelId)}/versions/${id(version)}`),
    /** 202 with the QUEUED job; 422 `training-refused`, 409 `training-in-progress` (with `jobId`), 409 `quota-exceeded`. */
    train: (modelId: string) => request<TrainingJob>('POST', `${model(modelId)}/trainings`),
    training: (modelId: string, jobId: string, signal?: AbortSignal) => request<TrainingJob>('GET', training(modelId, jobId), { signal }),
    cancelTraining: (modelId: string, jobId: string) => request<TrainingJob>('POST', `${training(modelId, jobId)}/cancel`),
    /** Where the job's server-sent events are (`progress`, the job as JSON, until it ends). */
    trainingEventsUrl: (modelId: string, jobId: string) => http.url(`${training(modelId, jobId)}/events`),
    /** A picture's thumbnail (the report's misclassified pictures). */
    thumbnailUrl: (pictureId: string) => http.url(`/classifications/${id(pictureId)}/thumbnail`),
  }
}

export type CustomModelsApi = ReturnType<typeof createCustomModelsApi>
