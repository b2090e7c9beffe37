import { ref } from 'vue'
import { problemMessage } from '@/services/api'
import { useToastStore } from '@/stores/toasts'

/**
 * For buttons that start a request and have nowhere on the page to show its failure: `busy` is true while the
 * action runs (to disable the button), and a failure becomes an error toast with the readable problem message.
 */
export function useBusyAction() {
  const toasts = useToastStore()
  const busy = ref(false)

  async function run(action: () => Promise<unknown>): Promise<void> {
    busy.value = true
    try {
      await action()
    } catch (problem) {
      toasts.error(problemMessage(problem))
    } finally {
      busy.value = false
    }
  }

  return { busy, run }
}
