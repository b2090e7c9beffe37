import { defineStore } from 'pinia'
import { ref } from 'vue'
import { config } from '@/config'
import type { ApiProblem } from '@/services/api'
import { api, type BulkResult, type Classification, type HistoryFilter } from '@/services/api'
import { useAlbumsStore } from './albums'
import { useClassifyStore } from './classify'

function cleanFilter(filter: HistoryFilter): HistoryFilter {
  const clean: HistoryFilter = {}
  if (filter.label?.trim()) clean.label = filter.label.trim()
  if (filter.albumId) clean.albumId = filter.albumId
  if (filter.feedback) clean.feedback = filter.feedback
  return clean
}

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError'

/** The person's past classifications: a filtered page of them, and the one opened in full. */
export const useHistoryStore = defineStore('history', () => {
  const items = ref<Classification[]>([])
  const filter = ref<HistoryFilter>({})
  const page = ref(0)
  const totalPages = ref(0)
  const totalItems = ref(0)
  const loading = ref(false)
  const loaded = ref(false)
  const error = ref<ApiProblem | Error | null>(null)
  const current = ref<Classification | null>(null)
  const currentError = ref<ApiProblem | Error | null>(null)
  let inFlight: AbortController | null = null

  async function load(pageNumber = page.value) {
    inFlight?.abort()
    const controller = new AbortController()
    inFlight = controller
    loading.value = true
    error.value = null
    try {
      const answer = await api.classifications.list(filter.value, pageNumber, config.historyPageSize, controller.signal)
      items.value = answer.items
      page.value = answer.page
      totalPages.value = answer.totalPages
      totalItems.value = answer.totalItems
      loaded.value = true
    } catch (problem) {
      if (isAbort(problem)) return
      error.value = problem instanceof Error ? problem : new Error(String(problem))
    } finally {
      if (inFlight === controller) {
        loading.value = false
        inFlight = null
      }
    }
  }

  function setFilter(next: HistoryFilter) {
    filter.value = cleanFilter(next)
    return load(0)
  }

  async function open(id: string) {
    currentError.value = null
    const known = items.value.find((item) => item.id === id)
    current.value = known ?? (current.value?.id === id ? current.value : null)
    try {
      current.value = await api.classifications.get(id)
    } catch (problem) {
      current.value = null
      currentError.value = problem instanceof Error ? problem : new Error(String(problem))
    }
  }

  /** One updated item, wherever it is shown: the grid, the open item, the classify page. */
  function applyUpdate(updated: Classification) {
    items.value = items.value.map((item) => (item.id === updated.id ? updated : item))
    if (current.value?.id === updated.id) current.value = updated
    useClassifyStore().replaceResult(updated)
  }

  async function giveFeedback(id: string, correct: boolean, label: string | null = null) {
    const updated = await api.classifications.giveFeedback(id, { correct, label: correct ? null : label })
    applyUpdate(updated)
    return updated
  }

  async function fileInto(item: Classification, albumId: string | null) {
    const updated = await api.classifications.fileInto(item.id, albumId)
    const albums = useAlbumsStore()
    albums.adjustCount(item.albumId, -1)
    albums.adjustCount(updated.albumId, +1)
    applyUpdate(updated)
    return updated
  }

  async function remove(id: string) {
    await api.classifications.remove(id)
    const removed = items.value.find((item) => item.id === id) ?? current.value
    useAlbumsStore().adjustCount(removed?.albumId, -1)
    items.value = items.value.filter((item) => item.id !== id)
    totalItems.value = Math.max(0, totalItems.value - 1)
    if (current.value?.id === id) current.value = null
    useClassifyStore().forget(id)
  }

  /**
   * Files (into `albumId`, or out of any album with null) or deletes several items in one request, then reloads the
   * page and the albums so that badges and counts are the server's.
   */
  async function bulk(ids: string[], action: 'file' | 'delete', albumId: string | null = null): Promise<BulkResult> {
    const result = await api.classifications.bulk(action === 'file' ? { ids, action, albumId } : { ids, action })
    if (action === 'delete') {
      const classify = useClassifyStore()
      ids.forEach((id) => classify.forget(id))
      if (current.value && ids.includes(current.value.id)) current.value = null
    }
    await Promise.all([load(), useAlbumsStore().load(true)])
    return result
  }

  function reset() {
    inFlight?.abort()
    items.value = []
    filter.value = {}
    page.value = 0
    totalPages.value = 0
    totalItems.value = 0
    loaded.value = false
    error.value = null
    current.value = null
    currentError.value = null
  }

  return {
    items, filter, page, totalPages, totalItems, loading, loaded, error, current, currentError,
    load, setFilter, open, applyUpdate, giveFeedback, fileInto, remove, bulk, reset,
  }
})
