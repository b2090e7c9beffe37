import { ref } from 'vue'
import { ApiProblem, problemMessage, type Classification } from '@/services/api'
import { trainingExampleOf } from '@/services/modelFeedback'
import { useHistoryStore } from '@/stores/history'
import { useToastStore } from '@/stores/toasts'
import { humanLabel } from '@/utils/format'

/**
 * Saving feedback on one classification: the busy flag, the readable error (and the problem behind it), the toast.
 * On a custom model's answer the api files the picture into a class for the model's next version; the toast says so
 * with `modelName` (the model's name, or null for built-in models).
 */
export function useFeedback(id: () => string, modelName: () => string | null = () => null) {
  const history = useHistoryStore()
  const toasts = useToastStore()
  const saving = ref(false)
  const error = ref<string | null>(null)
  const problem = ref<ApiProblem | null>(null)

  /** Resolves to the updated classification once saved, else null. */
  async function send(correct: boolean, label: string | null = null): Promise<Classification | null> {
    saving.value = true
    error.value = null
    problem.value = null
    try {
      const updated = await history.giveFeedback(id(), correct, correct ? null : label)
      const example = trainingExampleOf(updated)
      const name = modelName()
      toasts.success(
        example && name
          ? `Thanks! Added to class ${humanLabel(example.label)} for the next version of ${name}.`
          : 'Thanks! Your feedback was saved.',
      )
      return updated
    } catch (failure) {
      error.value = problemMessage(failure)
      problem.value = failure instanceof ApiProblem ? failure : null
      return null
    } finally {
      saving.value = false
    }
  }

  return { saving, error, problem, send }
}
