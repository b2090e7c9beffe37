import { ref } from 'vue'
import { ApiProblem, problemMessage } from '@/services/api'

/** Splits an API problem into messages beside the right fields and one message for the whole form. */
export function useFormErrors(fieldsBySlug: Record<string, string> = {}) {
  const fields = ref<Record<string, string>>({})
  const form = ref<string | null>(null)

  function clear() {
    fields.value = {}
    form.value = null
  }

  function show(error: unknown) {
    clear()
    if (error instanceof ApiProblem) {
      // A field can fail several rules at once (a weak password): say all of them.
      for (const item of error.errors) {
        if (item.field === null) continue // about the whole request: the form's message below says it
        const before = fields.value[item.field]
        fields.value[item.field] = before ? `${before} ${item.message}` : item.message
      }
      const field = fieldsBySlug[error.slug]
      if (field) {
        fields.value[field] = problemMessage(error)
        return
      }
      if (error.errors.some((item) => item.field !== null)) return
    }
    form.value = problemMessage(error)
  }

  return { fields, form, clear, show }
}
