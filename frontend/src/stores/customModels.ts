import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { api, ApiProblem } from '@/services/api'
import { isFinished, type CustomModel, type TrainingJob, type TrainingSummary } from '@/services/customModels'
import { followTraining } from '@/services/trainingEvents'

const byName = (a: CustomModel, b: CustomModel) => a.name.localeCompare(b.name)

/** A model's `currentTraining` as a job, until the first news of the job itself arrives. */
function jobFromSummary(modelId: string, summary: TrainingSummary): TrainingJob {
  return {
    ...summary,
    modelId,
    version: null,
    error: null,
    cancelRequested: false,
    createdAt: '',
    startedAt: null,
    finishedAt: null,
  }
}

/**
 * The person's custom models and the trainings the page follows. A training is followed from the moment it is
 * started, or found again from a model's `currentTraining` (a reload, another tab), until it ends; then the model
 * is read again for its new version.
 */
export const useCustomModelsStore = defineStore('customModels', () => {
  const models = ref<CustomModel[]>([])
  const loaded = ref(false)
  const loading = ref(false)
  const error = ref<ApiProblem | Error | null>(null)
  /** The latest news of each model's training (running, or the last one that ended here), by model id. */
  const trainings = ref<Record<string, TrainingJob>>({})
  // Not state: the functions that stop following, by model id.
  const followers = new Map<string, { jobId: string; stop: () => void }>()

  const byId = computed(() => new Map(models.value.map((model) => [model.id, model])))

  function put(model: CustomModel): CustomModel {
    const others = models.value.filter((existing) => existing.id !== model.id)
    models.value = [...others, model].sort(byName)
    return model
  }

  async function load(force = false) {
    if (loaded.value && !force) return
    loading.value = true
    error.value = null
    try {
      models.value = (await api.customModels.list()).slice().sort(byName)
      loaded.value = true
      for (const model of models.value) attach(model)
    } catch (problem) {
      error.value = problem instanceof Error ? problem : new Error(String(problem))
    } finally {
      loading.value = false
    }
  }

  /** Reads one model again (and finds its running training). */
  async function fetch(id: string): Promise<CustomModel> {
    const model = put(await api.customModels.get(id))
    attach(model)
    return model
  }

  async function create(name: string, albumIds: string[]): Promise<CustomModel> {
    return put(await api.customModels.create({ name: name.trim(), albumIds }))
  }

  async function rename(id: string, name: string): Promise<CustomModel> {
    return put(await api.customModels.update(id, { name: name.trim() }))
  }

  async function changeAlbums(id: string, albumIds: string[]): Promise<CustomModel> {
    return put(await api.customModels.update(id, { albumIds }))
  }

  async function remove(id: string) {
    await api.customModels.remove(id)
    stopFollowing(id)
    models.value = models.value.filter((model) => model.id !== id)
    forget(id)
  }

  async function activate(id: string, version: string): Promise<CustomModel> {
    return put(await api.customModels.activate(id, version))
  }

  async function removeVersion(id: string, version: string) {
    await api.customModels.removeVersion(id, version)
    const model = byId.value.get(id)
    if (model) put({ ...model, versions: model.versions.filter((item) => item.version !== version) })
  }

  /** Starts a training and follows it; a training already running (409 `training-in-progress`) is followed instead. */
  async function train(id: string): Promise<TrainingJob> {
    try {
      const job = await api.customModels.train(id)
      follow(id, job)
      return job
    } catch (problem) {
      const running = problem instanceof ApiProblem && problem.slug === 'training-in-progress' ? await fetch(id).catch(() => null) : null
      if (running?.currentTraining) return trainings.value[id]!
      throw problem
    }
  }

  async function cancel(id: string) {
    const job = trainings.value[id]
    if (!job || isFinished(job)) return
    try {
      newsOf(id, job.id, await api.customModels.cancelTraining(id, job.id))
    } catch (problem) {
      // It ended meanwhile: the news of how is on its way (or here already).
      if (!(problem instanceof ApiProblem && problem.slug === 'training-finished')) throw problem
    }
  }

  function news(modelId: string, job: TrainingJob) {
    const before = trainings.value[modelId]
    // An old answer (a cancel's reply after the stream said more) does not move the job back.
    if (before && before.id === job.id && isFinished(before) && !isFinished(job)) return
    trainings.value = { ...trainings.value, [modelId]: job }
    const model = byId.value.get(modelId)
    if (model && !isFinished(job)) {
      put({ ...model, currentTraining: { id: job.id, state: job.state, stage: job.stage, done: job.done, total: job.total, etaSeconds: job.etaSeconds } })
    }
    if (isFinished(job)) {
      followers.delete(modelId)
      if (model) put({ ...model, currentTraining: null })
      // The new version (and its report) or the unchanged model, as the api has it now.
      if (job.state === 'SUCCEEDED') void fetch(modelId).catch(() => undefined)
    }
  }

  /**
   * News of job `jobId` only while it is still the model's job: a cancel's reply or a stream event that arrives after
   * a new training replaced it (cancel while queued, then Train at once) must not show the old outcome again.
   */
  function newsOf(modelId: string, jobId: string, job: TrainingJob) {
    if (trainings.value[modelId]?.id === jobId) news(modelId, job)
  }

  /** Follows a job of a model (by its event stream, else by polling), replacing whatever was followed before. */
  function follow(modelId: string, job: TrainingJob) {
    if (followers.get(modelId)?.jobId === job.id) return
    stopFollowing(modelId)
    news(modelId, job)
    if (isFinished(job)) return
    const stop = followTraining({
      eventsUrl: api.customModels.trainingEventsUrl(modelId, job.id),
      fetchJob: () => api.customModels.training(modelId, job.id),
      onJob: (next) => newsOf(modelId, job.id, next),
      onGone: () => followers.delete(modelId),
    })
    // A job that ended while the stream opened has already removed itself.
    if (!isFinished(trainings.value[modelId] ?? job)) followers.set(modelId, { jobId: job.id, stop })
  }

  /** Finds a model's running training again (after a reload, or one started elsewhere) and follows it. */
  function attach(model: CustomModel) {
    const current = model.currentTraining
    if (!current || followers.get(model.id)?.jobId === current.id) return
    const known = trainings.value[model.id]
    follow(model.id, known?.id === current.id ? known : jobFromSummary(model.id, current))
  }

  function stopFollowing(modelId: string) {
    followers.get(modelId)?.stop()
    followers.delete(modelId)
  }

  /** Forgets a finished training's outcome (the person dismissed it). */
  function dismiss(modelId: string) {
    const job = trainings.value[modelId]
    if (!job || !isFinished(job)) return
    forget(modelId)
  }

  function forget(modelId: string) {
    trainings.value = Object.fromEntries(Object.entries(trainings.value).filter(([id]) => id !== modelId))
  }

  function reset() {
    for (const id of [...followers.keys()]) stopFollowing(id)
    models.value = []
    trainings.value = {}
    loaded.value = false
    error.value = null
  }

  return {
    models,
    loaded,
    loading,
    error,
    trainings,
    byId,
    load,
    fetch,
    create,
    rename,
    changeAlbums,
    remove,
    activate,
    removeVersion,
    train,
    cancel,
    attach,
    stopFollowing,
    dismiss,
    reset,
  }
})
