import { defineStore } from 'pinia'
import { ref } from 'vue'

export type ToastKind = 'success' | 'error' | 'info'

export interface Toast {
  id: number
  kind: ToastKind
  message: string
}

/** Short confirmations and errors, read out by screen readers through the toasts' live region. */
export const useToastStore = defineStore('toasts', () => {
  const toasts = ref<Toast[]>([])
  let nextId = 1

  function dismiss(id: number) {
    toasts.value = toasts.value.filter((toast) => toast.id !== id)
  }

  function show(kind: ToastKind, message: string, durationMs = kind === 'error' ? 8000 : 4000): number {
    const id = nextId++
    toasts.value = [...toasts.value.slice(-3), { id, kind, message }]
    setTimeout(() => dismiss(id), durationMs)
    return id
  }

  return {
    toasts,
    show,
    dismiss,
    success: (message: string) => show('success', message),
    error: (message: string) => show('error', message),
    info: (message: string) => show('info', message),
  }
})
