// Feedback that teaches (issue 15): the custom models the classify page offers, the examples feedback added to a
// model, and how each version did. The calls go through the one HTTP client (CSRF, session guard, problems: http.ts).
// The shapes issue 15 adds are not in the checked-in openapi.json yet (/work/zl-coord/models-page-contract.md): they
// are declared once, in the block marked ISSUE 15 EXTENSIONS, so `make api-types` later only swaps them for
// generated ones.
import type { Http } from './http'
import type { ApiProblem } from './problem'
import type { Answer, Classification } from './types'

// ---- ISSUE 15 EXTENSIONS: replace with generated types once openapi.d.ts has them (make api-types) ---------------
/** On a classification whose feedback filed it into a class of a custom model: it teaches the next version. */
export interface TrainingExample {
  modelId: string
  label: string
  addedAt: string
}
/** On a classification made with one of the owner's custom models: which, its name now, the version that answered. */
export interface CustomModelRef {
  id: string
  name: string
  version: string
}
/** `GET /api/custom-models/{id}/examples`: one picture feedback added to a class since the newest version. */
export interface FeedbackExample {
  /** The classification id: `/api/classifications/{pictureId}/thumbnail` shows it. */
  pictureId: string
  label: string
  albumId: string
  correct: boolean
  addedAt: string
}
export interface ExamplesAnswer {
  /** The newest version; null before the first training (then every example counts). */
  sinceVersion: string | null
  examples: FeedbackExample[]
}
/** `GET /api/custom-models/{id}/version-stats`: one row per kept version, oldest first. */
export interface VersionStats {
  version: string
  crossValidatedAccuracy: number | null
  /** Feedback given on classifications made with this version, and how much of it said "correct". */
  feedback: number
  correct: number
  feedbackAccuracy: number | null
}
/** A model named by 409 `album-in-custom-model` (`models`). */
export interface ModelRef {
  id: string
  name: string
}
interface CustomModelExtension {
  /** Feedback examples added since the newest version was trained. */
  newExamples?: number
}
// ---- END ISSUE 15 EXTENSIONS -------------------------------------------------------------------------------------

type ModelAnswer = Answer<'/api/custom-models/{id}', 'get'>

/** What the classify page needs of a custom model: its name, active version (null until trained) and classes. */
export type CustomModelChoice = Pick<ModelAnswer, 'id' | 'name'> &
  CustomModelExtension & {
    activeVersion: string | null
    /** A class is an album; `name` null once the album was deleted. */
    classes: { albumId: string; name: string | null }[]
  }

/** A classification as the api answers it after issue 15. */
export type TaughtClassification = Classification & { customModel?: CustomModelRef | null; trainingExample?: TrainingExample | null }

export const trainingExampleOf = (classification: Classification): TrainingExample | null =>
  (classification as TaughtClassification).trainingExample ?? null

/** The prefix of a custom model's classifier folder (`u-<owner>-<model id>`), which a result names as its model. */
const CUSTOM_FOLDER = 'u-'

/** The custom model that answered, as the api names it (`customModel`; null for a model deleted since). */
export const customModelRefOf = (classification: Classification | null | undefined): CustomModelRef | null =>
  (classification as TaughtClassification | null | undefined)?.customModel ?? null

/**
 * The custom model a result was made with: the api's `customModel`, else (an api before issue 15, or a model
 * deleted since) read from the classifier folder the answer names, `u-<owner id>-<model id>`; null for built-in models.
 */
export function customModelIdOf(classification: Pick<TaughtClassification, 'model' | 'customModel'> | null | undefined): string | null {
  if (classification?.customModel?.id) return classification.customModel.id
  const name = classification?.model?.name
  if (!name?.startsWith(CUSTOM_FOLDER)) return null
  const id = name.slice(name.lastIndexOf('-') + 1)
  return id || null
}

/** The class names of a model in its order, without deleted albums. */
export const classNames = (model: CustomModelChoice): string[] =>
  model.classes.map((item) => item.name).filter((name): name is string => !!name)

/** "Birds · v2"; "Birds · not trained yet" before the first version. */
export const choiceLabel = (model: CustomModelChoice): string =>
  `${model.name} · ${model.activeVersion ? `v${model.activeVersion}` : 'not trained yet'}`

/** The model picker's value for a custom model: built-in model names never contain a colon. */
export const CUSTOM_CHOICE = 'custom:'
export const customChoice = (modelId: string) => CUSTOM_CHOICE + modelId
/** The custom model id a picker value names, or null for a built-in model. */
export const customChoiceId = (choice: string) => (choice.startsWith(CUSTOM_CHOICE) ? choice.slice(CUSTOM_CHOICE.length) || null : null)

/** The models a 409 `album-in-custom-model` names (`models: [{id, name}]`). */
export function modelsOfProblem(problem: ApiProblem): ModelRef[] {
  const models = problem.member('models')
  if (!Array.isArray(models)) return []
  return models.filter((model): model is ModelRef => typeof model?.id === 'string' && typeof model?.name === 'string')
}

/** "Birds", "Birds and Pets", "Birds, Pets and Seeds". */
export function namesInWords(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}

/** The link to a model's page (the Models page owns the route). */
export const modelPath = (modelId: string) => `/models/${encodeURIComponent(modelId)}`

export function createModelFeedbackApi(http: Pick<Http, 'request'>) {
  const { request } = http
  const id = encodeURIComponent
  const model = (modelId: string) => `/custom-models/${id(modelId)}`

  return {
    /** The signed-in person's custom models, by name (401 for a guest). */
    choices: () => request<CustomModelChoice[]>('GET', '/custom-models'),
    examples: (modelId: string) => request<ExamplesAnswer>('GET', `${model(modelId)}/examples`),
    /** Takes the picture out of its class album again; it stays in History. */
    removeExample: (modelId: string, pictureId: string) => request<void>('DELETE', `${model(modelId)}/examples/${id(pictureId)}`),
    versionStats: (modelId: string) => request<VersionStats[]>('GET', `${model(modelId)}/version-stats`),
  }
}
