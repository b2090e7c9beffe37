import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { config } from '@/config'
import { api, ApiProblem, type Classification, type ModelInfo } from '@/services/api'
import { customChoiceId as customIdOf, customModelIdOf, type CustomModelChoice } from '@/services/modelFeedback'
import { prepareUpload, type PreparedUpload } from '@/utils/downscale'
import { defaultLimits, type UploadLimits } from '@/utils/uploadLimits'
import { useAuthStore } from './auth'

/** `waiting`: in the queue, not started; `preparing`: being shrunk; `queued`: saved, the classifier has not answered yet. */
export type ClassifyPhase = 'idle' | 'waiting' | 'preparing' | 'uploading' | 'classifying' | 'queued' | 'done' | 'failed' | 'error' | 'cancelled'

/** One picture on its way through shrinking, upload, classification (or the server's queue) to a result. */
export interface QueueItem {
  key: number
  /** null for a result shown without a file of this page (it cannot be sent again). */
  file: File | null
  name: string
  previewUrl: string | null
  /** The choices in force when the picture was added. */
  model: string
  albumId: string
  keepOriginal: boolean
  phase: ClassifyPhase
  progress: number
  prepared: PreparedUpload | null
  result: Classification | null
  error: ApiProblem | Error | null
}

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError'
const asError = (problem: unknown) => (problem instanceof Error ? problem : new Error(String(problem)))
export const isWorking = (phase: ClassifyPhase) => phase === 'preparing' || phase === 'uploading' || phase === 'classifying'
export const isFinished = (phase: ClassifyPhase) => phase === 'done' || phase === 'failed' || phase === 'error' || phase === 'cancelled'

/**
 * Refusals that every next picture would get too (the session ended, a guest or upload limit, the quota): the queue
 * stops instead of sending the rest into the same wall, and goes on when the person retries or resumes.
 */
const PAUSING = new Set(['session-ended', 'not-authenticated', 'guest-limit-reached', 'rate-limited', 'storage-quota-exceeded'])
const pauses = (error: unknown) => error instanceof ApiProblem && PAUSING.has(error.slug)

/** The pictures of this page, sent one after another; the stage shows one of them. */
export const useClassifyStore = defineStore('classify', () => {
  const models = ref<ModelInfo[]>([])
  const defaultModel = ref<string | null>(null)
  /** The picker's value: '' (default), a built-in model's name, or `custom:<id>` (customChoice). */
  const selectedModel = ref<string>('')
  /** The signed-in person's custom models; a guest has none. */
  const customModels = ref<CustomModelChoice[]>([])
  const albumId = ref<string>('')
  const keepOriginal = ref(false)

  const items = ref<QueueItem[]>([])
  const shownKey = ref<number | null>(null)
  /** The person picked an item to look at: the stage stops following the queue until new files come. */
  const pinned = ref(false)
  /** Stopped after a refusal the next pictures would get too (see PAUSING); `resume()` goes on. */
  const paused = ref(false)
  const auth = useAuthStore()

  let nextKey = 1
  let runningKey: number | null = null
  let controller: AbortController | null = null
  const pollTimers = new Map<number, ReturnType<typeof setTimeout>>()

  const find = (key: number | null) => items.value.find((item) => item.key === key) ?? null
  const current = computed(() => find(shownKey.value))
  const phase = computed<ClassifyPhase>(() => current.value?.phase ?? 'idle')
  const progress = computed(() => current.value?.progress ?? 0)
  const previewUrl = computed(() => current.value?.previewUrl ?? null)
  const error = computed(() => current.value?.error ?? null)
  const busy = computed(() => isWorking(phase.value))
  const working = computed(() => items.value.some((item) => item.phase === 'waiting' || isWorking(item.phase)))
  const activeModel = computed(() => models.value.find((m) => m.name === (selectedModel.value || defaultModel.value)) ?? null)
  const result = computed<Classification | null>({
    get: () => current.value?.result ?? null,
    set: (value) => {
      if (current.value) current.value.result = value
      else if (value) show(addItem(null, { result: value, phase: phaseOf(value) }).key)
    },
  })

  async function loadModels() {
    try {
      const list = await api.models.list()
      models.value = list.models
      defaultModel.value = list.defaultModel
    } catch {
      // The picker is optional: without the list the API's default model is used.
      models.value = []
    }
  }

  /** The person's custom models for the picker; none for a guest, and none when the list cannot be read. */
  async function loadCustomModels() {
    if (!auth.isSignedIn) {
      clearCustomModels()
      return
    }
    try {
      customModels.value = await api.modelFeedback.choices()
    } catch {
      customModels.value = []
    }
    const chosen = customIdOf(selectedModel.value)
    if (chosen && !customModels.value.some((model) => model.id === chosen && model.activeVersion)) selectedModel.value = ''
  }

  /** After signing out: a guest sees no custom model and cannot keep one chosen. */
  function clearCustomModels() {
    customModels.value = []
    if (customIdOf(selectedModel.value)) selectedModel.value = ''
  }

  /** The custom model a result was made with, if it is one of the person's (by its folder name). */
  function customModelOf(classification: Classification | null): CustomModelChoice | null {
    const id = customModelIdOf(classification)
    return id ? (customModels.value.find((model) => model.id === id) ?? null) : null
  }

  function addItem(file: File | null, extra: Partial<QueueItem> = {}): QueueItem {
    items.value.push({
      key: nextKey++,
      file,
      name: file?.name || 'photo',
      previewUrl: file ? URL.createObjectURL(file) : null,
      model: selectedModel.value,
      albumId: albumId.value,
      keepOriginal: keepOriginal.value,
      phase: 'waiting',
      progress: 0,
      prepared: null,
      result: null,
      error: null,
      ...extra,
    })
    return items.value.at(-1)!
  }

  /** Queues pictures (from the picker, a drop, a paste or the camera) and sends them one after another. */
  function add(files: Iterable<File>) {
    const added = [...files].map((file) => addItem(file))
    if (!added.length) return
    pinned.value = false
    if (runningKey === null) shownKey.value = added[0]!.key
    void pump()
  }

  const classify = (file: File) => add([file])
  const phaseOf = (c: Classification): ClassifyPhase => (c.status === 'DONE' ? 'done' : c.status === 'FAILED' ? 'failed' : 'queued')

  async function pump() {
    if (runningKey !== null || paused.value) return
    const next = items.value.find((item) => item.phase === 'waiting')
    if (!next) return
    runningKey = next.key
    if (!pinned.value) shownKey.value = next.key
    await send(next)
    runningKey = null
    if (pauses(next.error) && items.value.some((item) => item.phase === 'waiting')) paused.value = true
    await pump()
  }

  async function send(item: QueueItem) {
    item.phase = 'preparing'
    const cancelled = () => item.phase === 'cancelled'
    try {
      item.prepared = await prepareUpload(item.file!, { keepOriginal: item.keepOriginal, limits: currentLimits() })
      if (cancelled()) return
      if (item.prepared.resized) {
        // Show the smaller copy: the same picture, upright, and far less memory than a 40-megapixel original.
        if (item.previewUrl) URL.revokeObjectURL(item.previewUrl)
        item.previewUrl = URL.createObjectURL(item.prepared.blob)
      }
      item.phase = 'uploading'
      controller = new AbortController()
      const customModelId = customIdOf(item.model)
      const answer = await api.classifications.create(
        {
          image: item.prepared.blob,
          filename: item.prepared.filename,
          model: customModelId ? undefined : item.model || undefined,
          customModelId: customModelId ?? undefined,
          albumId: item.albumId || undefined,
        },
        {
          signal: controller.signal,
          onProgress: (fraction) => (item.progress = fraction),
          onUploaded: () => (item.phase = 'classifying'),
        },
      )
      settle(item, answer.classification)
      if (answer.classification.status === 'PENDING') poll(item.key, answer.classification.id, config.pollIntervalMs)
    } catch (problem) {
      if (isAbort(problem) || cancelled()) return
      item.error = asError(problem)
      item.phase = 'error'
    } finally {
      controller = null
    }
  }

  /** The API's own limits once `/auth/session` has told them; the build-time ones until then. */
  function currentLimits(): UploadLimits {
    const upload = auth.limits?.upload
    return upload ? { maxBytes: upload.maxBytes, maxPixels: upload.maxPixels, allowedTypes: upload.allowedTypes } : defaultLimits
  }

  function settle(item: QueueItem, classification: Classification) {
    item.result = classification
    item.phase = phaseOf(classification)
  }

  function poll(key: number, id: string, waitMs: number) {
    pollTimers.set(
      key,
      setTimeout(async () => {
        pollTimers.delete(key)
        try {
          const latest = await api.classifications.get(id)
          const item = find(key)
          if (!item || item.result?.id !== id) return
          settle(item, latest)
        } catch (problem) {
          const item = find(key)
          if (item && problem instanceof ApiProblem && problem.status === 404) {
            item.error = problem
            item.phase = 'error'
            return
          }
          // Offline or the API restarting: keep asking, the upload is safe on the server.
        }
        if (find(key)?.phase === 'queued') poll(key, id, Math.min(waitMs * 2, config.pollMaxIntervalMs))
      }, waitMs),
    )
  }

  /** Stops one picture (the one being sent, by default); the queue goes on with the next. */
  function cancel(key: number | null = runningKey ?? shownKey.value) {
    const item = find(key)
    if (!item || !(item.phase === 'waiting' || isWorking(item.phase))) return
    if (key === runningKey) controller?.abort()
    item.phase = 'cancelled'
  }

  function cancelAll() {
    paused.value = false
    items.value.filter((item) => item.phase === 'waiting').forEach((item) => (item.phase = 'cancelled'))
    cancel(runningKey)
  }

  function retry(key: number | null = shownKey.value) {
    const item = find(key)
    if (!item?.file || !isFinished(item.phase)) return
    Object.assign(item, { phase: 'waiting', progress: 0, error: null, result: null, prepared: null })
    paused.value = false
    void pump()
  }

  /** Goes on with the waiting pictures after a pause. */
  function resume() {
    paused.value = false
    void pump()
  }

  function show(key: number) {
    shownKey.value = key
    pinned.value = true
  }

  function remove(key: number) {
    const item = find(key)
    if (!item) return
    cancel(key)
    clearTimeout(pollTimers.get(key))
    pollTimers.delete(key)
    if (item.previewUrl) URL.revokeObjectURL(item.previewUrl)
    items.value = items.value.filter((other) => other.key !== key)
    if (shownKey.value === key) shownKey.value = items.value.at(-1)?.key ?? null
  }

  function replaceResult(updated: Classification) {
    items.value.filter((item) => item.result?.id === updated.id).forEach((item) => settle(item, updated))
  }

  function reset() {
    cancelAll()
    items.value.map((item) => item.key).forEach(remove)
    shownKey.value = null
    pinned.value = false
  }

  function forget(id: string) {
    items.value.filter((item) => item.result?.id === id).forEach((item) => remove(item.key))
  }

  return {
    models, defaultModel, selectedModel, customModels, loadCustomModels, clearCustomModels, customModelOf, albumId, keepOriginal, items, shownKey, current, phase, progress, previewUrl, result, error,
    busy, working, paused, activeModel, loadModels, add, classify, cancel, cancelAll, retry, resume, show, remove, replaceResult, reset,
    forget,
  }
})
