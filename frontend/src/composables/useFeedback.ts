import { ref } from 'vue'
import { problemMessage } from '@/services/api'
import { useHistoryStore } from '@/stores/history'
import { useToastStore } from '@/stores/toasts'

/** Saving feedback on one classification: the busy flag, the readable error, the thank-you toast. */
export function useFeedback(id: () => string) {
  const history = useHistoryStore()
  const toasts = useToastStore()
  const saving = ref(false)
  const error = ref<string | null>(null)

  /** Resolves true once saved. */
  async function send(correct: boolean, label: string | null = null): Promise<boolean> {
    saving.value = true
    error.value = null
    try {
      await history.giveFeedback(id(), correct, correct ? null : label)
      toasts.success('Thanks! Your feedback was saved.')
      return true
    } catch (problem) {
      error.value = problemMessage(problem)
      return false
    } finally {
      saving.value = false
    }
  }

  return { saving, error, send }
}
