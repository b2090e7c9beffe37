// Feedback that teaches (issue 15): the custom models the classify page offers, the examples feedback added to a
// model, and how each version did. The calls go through the one HTTP client (CSRF, session guard, problems: http.ts).
import type { Http } from './http'
import type { ApiProblem } from './problem'
import type { components } from './openapi'
import type { Answer, Classification } from './types'

type Schemas = components['schemas']
/** On a classification whose feedback filed it into a class of a custom model: it teaches the next version. */
export type TrainingExample = Schemas['ExampleRef']
/** On a classification made with one of the owner's custom models: which, its name now, the version that answered. */
export type CustomModelRef = Schemas['CustomModelRef']
/** `GET /api/custom-models/{id}/examples`: one picture feedback added to a class since the newest version. */
export type FeedbackExample = Schemas['Example']
export type ExamplesAnswer = Schemas['ExamplesResponse']
/** `GET /api/custom-models/{id}/version-stats`: one row per kept version, oldest first. */
export type VersionStats = Schemas['VersionStats']
/** A model named by 409 `album-in-custom-model` (`models`). */
export interface ModelRef {
  id: string
  name: string
}

type ModelAnswer = Answer<'/api/custom-models/{id}', 'get'>

/** What the classify page needs of a custom model: its name, active version (null until trained) and classes. */
export type CustomModelChoice = Pick<ModelAnswer, 'id' | 'name'> &
  Partial<Pick<ModelAnswer, 'newExamples'>> & {
    activeVersion: string | null
    /** A class is an album; `name` null once the album was deleted. */
    classes: { albumId: string; name: string | null }[]
  }


export const trainingExampleOf = (classification: Classification): TrainingExample | null =>
  classification.trainingExample ?? null

/** The prefix of a custom model's classifier folder (`u-<owner>-<model id>`), which a result names as its model. */
const CUSTOM_FOLDER = 'u-'

/** The custom model that answered, as the api names it (`customModel`; null for a model deleted since). */
export const customModelRefOf = (classification: Classification | null | undefined): CustomModelRef | null =>
  classification?.customModel ?? null

/**
 * The custom model a result was made with: the api's `customModel`, else (an api before issue 15, or a model
 * deleted since) read from the classifier folder the answer names, `u-<owner id>-<model id>`; null for built-in models.
 */
export function customModelIdOf(classification: (Pick<Classification, 'model'> & { customModel?: CustomModelRef | null }) | null | undefined): string | null {
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
