import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useToastStore } from './toasts'

describe('toasts store', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('shows a message and lets it go after a while', () => {
    vi.useFakeTimers()
    const toasts = useToastStore()
    toasts.success('Saved')
    expect(toasts.toasts).toMatchObject([{ kind: 'success', message: 'Saved' }])
    vi.advanceTimersByTime(4000)
    expect(toasts.toasts).toEqual([])
    vi.useRealTimers()
  })

  it('keeps at most four on screen', () => {
    const toasts = useToastStore()
    for (let i = 0; i < 6; i++) toasts.info(`m${i}`)
    expect(toasts.toasts.map((t) => t.message)).toEqual(['m2', 'm3', 'm4', 'm5'])
  })
})
