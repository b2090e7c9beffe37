import { onBeforeUnmount, ref, watch, type Ref } from 'vue'

/** Becomes true once `active` has stayed true for `afterMs`, so the UI can say "this is taking a while". */
export function useSlowFlag(active: Ref<boolean>, afterMs: number) {
  const slow = ref(false)
  let timer: ReturnType<typeof setTimeout> | null = null
  const clear = () => {
    if (timer) clearTimeout(timer)
    timer = null
  }
  watch(
    active,
    (isActive) => {
      clear()
      slow.value = false
      if (isActive) timer = setTimeout(() => (slow.value = true), afterMs)
    },
    { immediate: true },
  )
  onBeforeUnmount(clear)
  return slow
}
