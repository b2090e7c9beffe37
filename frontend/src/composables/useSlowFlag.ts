import { onBeforeUnmount, ref, watch, type Ref } from 'vue'

/**
 * Becomes true once `active` has stayed true for `afterMs` without a sign of `activity` (such as upload
 * progress), so the UI says "this is taking a while" only when nothing is visibly happening.
 */
export function useSlowFlag(active: Ref<boolean>, afterMs: number, activity: () => unknown = () => null) {
  const slow = ref(false)
  let timer: ReturnType<typeof setTimeout> | null = null
  const clear = () => {
    if (timer) clearTimeout(timer)
    timer = null
  }
  watch(
    [active, activity],
    ([isActive]) => {
      clear()
      slow.value = false
      if (isActive) timer = setTimeout(() => (slow.value = true), afterMs)
    },
    { immediate: true },
  )
  onBeforeUnmount(clear)
  return slow
}
