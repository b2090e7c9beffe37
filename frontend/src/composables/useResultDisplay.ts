import { computed, onBeforeUnmount, ref, shallowRef, watch } from 'vue'
import { api } from '@/services/api'
import { customModelIdOf } from '@/services/modelFeedback'
import type { Classification, LabelScore, ResultThresholds } from '@/services/types'

/** The api's defaults (contract E), for answers that do not say which thresholds they were filtered with. */
export const DEFAULT_THRESHOLDS: ResultThresholds = { topK: 5, minScore: 0.3 }
/** The api keeps objects down to this score; the threshold control goes no lower. */
export const SCORE_FLOOR = 0.05
export const MAX_TOP_K = 100
const FETCH_DELAY_MS = 250

const byScore = (a: LabelScore, b: LabelScore) => b.score - a.score

/**
 * What a result shows at the chosen confidence threshold, and whether it lists every label.
 *
 * The answer as uploaded holds labels and objects at its own thresholds (topK 5, minScore 0.3). Raising the
 * threshold only hides some of them, at once. Going lower, or asking for all labels, needs what the api
 * stored below: it is read once per result at the floor (`topK=100&minScore=0`), after a short pause so a
 * slider dragged past the default costs nothing, and from then on every position of the slider is filtered
 * here, at once. The heading (topLabel, recognised, hints) always stays the upload's own answer.
 *
 * A custom model's answer is a distribution over its few classes: it lists every class at any threshold (the api
 * answers it with all of them), so `everyClass` is true and the threshold does not apply.
 */
export function useResultDisplay(source: () => Classification | null) {
  /** null: the answer's own minScore. Kept from one result to the next, like "Show boxes". */
  const threshold = ref<number | null>(null)
  const allLabels = ref(false)
  /** The box highlighted from the list or the picture (hover, focus or tap). */
  const active = ref<string | null>(null)
  const full = shallowRef<Classification | null>(null)
  const loading = ref(false)
  let timer: ReturnType<typeof setTimeout> | null = null
  let controller: AbortController | null = null

  const applied = computed(() => source()?.applied ?? DEFAULT_THRESHOLDS)
  const minScore = computed({
    get: () => threshold.value ?? applied.value.minScore,
    set: (value: number) => (threshold.value = Math.min(1, Math.max(SCORE_FLOOR, value))),
  })
  const everyClass = computed(() => customModelIdOf(source()) !== null)
  const wantsMore = computed(() => {
    const answer = source()
    const missingClasses = everyClass.value && !!answer && answer.labelCount > answer.labels.length
    return allLabels.value || missingClasses || minScore.value < applied.value.minScore
  })

  function stop() {
    if (timer) clearTimeout(timer)
    timer = null
    controller?.abort()
    controller = null
    loading.value = false
  }

  watch(
    () => source()?.id,
    () => {
      stop()
      full.value = null
      allLabels.value = false
      active.value = null
    },
  )

  watch(
    [wantsMore, () => source()?.id, () => source()?.status],
    ([more, id, status]) => {
      if (!more || !id || status !== 'DONE' || full.value?.id === id || timer || controller) return
      timer = setTimeout(() => {
        timer = null
        void readAll(id)
      }, FETCH_DELAY_MS)
    },
    { immediate: true },
  )

  async function readAll(id: string) {
    controller = new AbortController()
    loading.value = true
    try {
      const body = await api.classifications.get(id, controller.signal, { topK: MAX_TOP_K, minScore: 0 })
      if (source()?.id === id) full.value = body
    } catch {
      // Keep showing what the upload answered; the list just does not grow.
    } finally {
      controller = null
      loading.value = false
    }
  }

  onBeforeUnmount(stop)

  const pool = computed(() => {
    const answer = source()
    return full.value && full.value.id === answer?.id ? full.value : answer
  })
  const labels = computed(() => {
    const sorted = [...(pool.value?.labels ?? [])].sort(byScore)
    return allLabels.value || everyClass.value ? sorted : sorted.filter((item) => item.score >= minScore.value).slice(0, applied.value.topK)
  })
  const objects = computed(() => (pool.value?.objects ?? []).filter((object) => object.score >= minScore.value))
  /** How many labels "show all" can list: the stored count, at most what one read returns. */
  const labelCount = computed(() => Math.min(MAX_TOP_K, source()?.labelCount ?? pool.value?.labels.length ?? 0))

  return { minScore, allLabels, active, labels, objects, labelCount, loading, everyClass }
}

export type ResultDisplay = ReturnType<typeof useResultDisplay>
