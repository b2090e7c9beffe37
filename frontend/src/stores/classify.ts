import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { config } from '@/config'
import { api, ApiProblem, type Classification, type ModelInfo } from '@/services/api'
import { PROBLEM_BASE } from '@/services/problem'

export type ClassifyPhase = 'idle' | 'uploading' | 'classifying' | 'queued' | 'done' | 'failed' | 'error'

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError'

/** Checks what the browser can know before sending: the API checks again, with the real limits. */
export function checkFile(file: Blob): ApiProblem | null {
  if (file.size === 0) return new ApiProblem({ type: `${PROBLEM_BASE}empty-image`, title: 'Empty image' }, 400)
  if (file.size > config.uploadMaxBytes) return new ApiProblem({ type: `${PROBLEM_BASE}image-too-large`, title: 'Image too large' }, 413)
  if (file.type && !config.acceptedTypes.includes(file.type)) {
    return new ApiProblem({ type: `${PROBLEM_BASE}unsupported-image`, title: 'Unsupported image' }, 415)
  }
  return null
}

/** One picture on its way through upload, classification (or the queue) to a result. */
export const useClassifyStore = defineStore('classify', () => {
  const models = ref<ModelInfo[]>([])
  const defaultModel = ref<string | null>(null)
  const selectedModel = ref<string>('')
  const albumId = ref<string>('')

  const file = ref<File | null>(null)
  const previewUrl = ref<string | null>(null)
  const phase = ref<ClassifyPhase>('idle')
  const progress = ref(0)
  const result = ref<Classification | null>(null)
  const error = ref<ApiProblem | Error | null>(null)

  let controller: AbortController | null = null
  let pollTimer: ReturnType<typeof setTimeout> | null = null

  const busy = computed(() => phase.value === 'uploading' || phase.value === 'classifying')
  const activeModel = computed(() => models.value.find((m) => m.name === (selectedModel.value || defaultModel.value)) ?? null)

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

  function stop() {
    controller?.abort()
    controller = null
    if (pollTimer) clearTimeout(pollTimer)
    pollTimer = null
  }

  function settle(classification: Classification) {
    result.value = classification
    phase.value = classification.status === 'DONE' ? 'done' : classification.status === 'FAILED' ? 'failed' : 'queued'
  }

  function poll(id: string, waitMs: number) {
    pollTimer = setTimeout(async () => {
      pollTimer = null
      try {
        const latest = await api.classifications.get(id)
        if (result.value?.id !== id) return
        settle(latest)
      } catch (problem) {
        if (problem instanceof ApiProblem && problem.status === 404) {
          error.value = problem
          phase.value = 'error'
          return
        }
        // Offline or the API restarting: keep asking, the upload is safe on the server.
      }
      if (phase.value === 'queued' && result.value?.id === id) poll(id, Math.min(waitMs * 2, config.pollMaxIntervalMs))
    }, waitMs)
  }

  async function classify(picked: File) {
    stop()
    if (previewUrl.value) URL.revokeObjectURL(previewUrl.value)
    file.value = picked
    previewUrl.value = URL.createObjectURL(picked)
    result.value = null
    error.value = null
    progress.value = 0
    const refused = checkFile(picked)
    if (refused) {
      error.value = refused
      phase.value = 'error'
      return
    }
    phase.value = 'uploading'
    controller = new AbortController()
    try {
      const answer = await api.classifications.create(
        { image: picked, model: selectedModel.value || undefined, albumId: albumId.value || undefined },
        {
          signal: controller.signal,
          onProgress: (fraction) => (progress.value = fraction),
          onUploaded: () => (phase.value = 'classifying'),
        },
      )
      controller = null
      settle(answer.classification)
      if (answer.classification.status === 'PENDING') poll(answer.classification.id, config.pollIntervalMs)
    } catch (problem) {
      controller = null
      if (isAbort(problem)) return
      error.value = problem instanceof Error ? problem : new Error(String(problem))
      phase.value = 'error'
    }
  }

  function retry() {
    if (file.value) return classify(file.value)
  }

  function replaceResult(updated: Classification) {
    if (result.value?.id === updated.id) settle(updated)
  }

  function reset() {
    stop()
    if (previewUrl.value) URL.revokeObjectURL(previewUrl.value)
    file.value = null
    previewUrl.value = null
    result.value = null
    error.value = null
    progress.value = 0
    phase.value = 'idle'
  }

  function forget(id: string) {
    if (result.value?.id === id) reset()
  }

  return {
    models, defaultModel, selectedModel, albumId, file, previewUrl, phase, progress, result, error, busy, activeModel,
    loadModels, classify, retry, replaceResult, reset, forget, cancel: reset,
  }
})
