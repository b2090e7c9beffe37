import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { ApiProblem } from '@/services/problem'
import { useToastStore } from '@/stores/toasts'
import { useBusyAction } from './useBusyAction'

describe('useBusyAction', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('is busy while the action runs and quiet when it succeeds', async () => {
    const { busy, run } = useBusyAction()
    let finish!: () => void
    const running = run(() => new Promise<void>((resolve) => (finish = resolve)))
    expect(busy.value).toBe(true)
    finish()
    await running
    expect(busy.value).toBe(false)
    expect(useToastStore().toasts).toEqual([])
  })

  it('turns a failure into an error toast a person can read, and is no longer busy', async () => {
    const { busy, run } = useBusyAction()
    await run(() => Promise.reject(new ApiProblem({ type: 'https://zoolens.io/problems/not-found' }, 404)))
    expect(busy.value).toBe(false)
    expect(useToastStore().toasts).toMatchObject([{ kind: 'error', message: 'This item does not exist (any more).' }])
  })
})
