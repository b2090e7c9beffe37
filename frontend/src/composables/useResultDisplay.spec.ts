import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, nextTick, ref } from 'vue'
import { mount } from '@vue/test-utils'
import type { Classification } from '@/services/types'
import { stubFetch } from '@/test/fetchStub'
import { classification } from '@/test/fixtures'
import { useResultDisplay } from './useResultDisplay'

const objects = [0.9, 0.5, 0.35, 0.2, 0.08].map((score, index) => ({ label: `o${index}`, score, box: { x: index * 10, y: 0, width: 10, height: 10 } }))
const labels = [0.9, 0.5, 0.35, 0.2, 0.08, 0.01].map((score, index) => ({ label: `l${index}`, score }))
// As uploaded: filtered at topK 5, minScore 0.3.
const uploaded = classification({ labels: labels.slice(0, 3), objects: objects.slice(0, 3), labelCount: 80, applied: { topK: 5, minScore: 0.3 } })
// As re-read at the floor.
const stored = { ...uploaded, labels, objects, applied: { topK: 100, minScore: 0 } }

function setup(initial: Classification | null = uploaded) {
  const source = ref<Classification | null>(initial)
  let display!: ReturnType<typeof useResultDisplay>
  mount(defineComponent({ setup: () => ((display = useResultDisplay(() => source.value)), () => null) }))
  return { source, display }
}

describe('useResultDisplay', () => {
  afterEach(() => vi.useRealTimers())

  it('shows the answer at its own thresholds, and filters at once when the threshold goes up, asking nothing', async () => {
    // Fake time: test files share a worker (isolate: false), so a real wait could catch another file's late timer.
    vi.useFakeTimers()
    const { calls } = stubFetch({})
    const { display } = setup()
    expect(display.minScore.value).toBe(0.3)
    expect(display.objects.value.map((object) => object.score)).toEqual([0.9, 0.5, 0.35])
    display.minScore.value = 0.45
    expect(display.objects.value.map((object) => object.score)).toEqual([0.9, 0.5])
    expect(display.labels.value.map((label) => label.score)).toEqual([0.9, 0.5])
    await vi.advanceTimersByTimeAsync(300)
    expect(calls.filter((call) => call.path.startsWith('/api/classifications'))).toHaveLength(0)
  })

  it('reads the stored answer once at the floor when the threshold goes lower, then filters it here', async () => {
    vi.useFakeTimers()
    const { calls } = stubFetch({ 'GET /api/classifications/c1': { body: stored } })
    const { display } = setup()
    display.minScore.value = 0.25
    display.minScore.value = 0.15
    await vi.advanceTimersByTimeAsync(300)
    expect(calls).toHaveLength(1)
    expect(Object.fromEntries(calls[0]!.search)).toEqual({ topK: '100', minScore: '0' })
    expect(display.objects.value.map((object) => object.score)).toEqual([0.9, 0.5, 0.35, 0.2])
    display.minScore.value = 0.05
    await vi.advanceTimersByTimeAsync(300)
    expect(display.objects.value).toHaveLength(5)
    expect(calls).toHaveLength(1)
    display.minScore.value = 0.01
    expect(display.minScore.value).toBe(0.05)
  })

  it('lists every label on request, however unsure, and starts again for the next result', async () => {
    vi.useFakeTimers()
    stubFetch({ 'GET /api/classifications/c1': { body: stored } })
    const { display, source } = setup()
    expect(display.labelCount.value).toBe(80)
    display.allLabels.value = true
    await vi.advanceTimersByTimeAsync(300)
    expect(display.labels.value.map((label) => label.label)).toEqual(['l0', 'l1', 'l2', 'l3', 'l4', 'l5'])
    source.value = classification({ id: 'c2' })
    await nextTick()
    expect(display.allLabels.value).toBe(false)
    expect(display.labels.value.map((label) => label.label)).toEqual(['cat'])
  })

  it('keeps the upload’s answer when the re-read fails', async () => {
    vi.useFakeTimers()
    stubFetch({ 'GET /api/classifications/c1': { status: 503, body: { type: 'https://zoolens.io/problems/service-unavailable' } } })
    const { display } = setup()
    display.allLabels.value = true
    await vi.advanceTimersByTimeAsync(300)
    expect(display.loading.value).toBe(false)
    expect(display.labels.value).toHaveLength(3)
  })
})
