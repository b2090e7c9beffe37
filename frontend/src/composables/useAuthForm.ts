import { ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { safeRedirect } from '@/router'
import { useAuthStore } from '@/stores/auth'
import { useToastStore } from '@/stores/toasts'
import { useFormErrors } from './useFormErrors'

/**
 * What signing in and signing up share: one request at a time, problems beside their fields or above the button,
 * and after success a welcome by name and back to the page that sent the person here.
 */
export function useAuthForm(fieldsBySlug: Record<string, string> = {}) {
  const auth = useAuthStore()
  const route = useRoute()
  const router = useRouter()
  const toasts = useToastStore()
  const busy = ref(false)
  const errors = useFormErrors(fieldsBySlug)

  /**
   * `welcome` gets the username the API answered with, so it is built once the request is through; `onProblem`
   * sees a refusal too (sign-up marks the password rules it names).
   */
  async function submit(send: () => Promise<void>, welcome: (username: string | undefined) => string, onProblem?: (problem: unknown) => void) {
    busy.value = true
    errors.clear()
    try {
      await send()
      toasts.success(welcome(auth.user?.username))
      await router.push(safeRedirect(route.query.redirect))
    } catch (problem) {
      errors.show(problem)
      onProblem?.(problem)
    } finally {
      busy.value = false
    }
  }

  return { auth, route, busy, errors, submit }
}
