import { computed, nextTick, ref, watch, type Ref } from 'vue'
import type { QueueItem } from '@/stores/classify'
import { resultSentence } from '@/utils/announce'
import { uploadProblemMessage } from '@/utils/uploadLimits'

const outcome = (phase: QueueItem['phase']) => phase === 'done' || phase === 'failed' || phase === 'queued' || phase === 'error'

function sentence(item: QueueItem): string {
  if (item.phase === 'error') return `That did not work. ${uploadProblemMessage(item.error)}`
  return item.result ? resultSentence(item.result) : ''
}

/** Focus stays where the person is typing or choosing; anywhere else it may move to the news. */
function mayMoveFocus(): boolean {
  const focused = document.activeElement
  if (!(focused instanceof HTMLElement) || focused === document.body) return true
  if (focused instanceof HTMLSelectElement || focused instanceof HTMLTextAreaElement || focused.isContentEditable) return false
  return !(focused instanceof HTMLInputElement) || ['file', 'button', 'submit', 'checkbox'].includes(focused.type)
}

/**
 * What a screen reader hears about the photos of the page, in one polite live region that stays in the page
 * (a region that appears and disappears with the status is not reliably heard): the start of each photo and
 * its outcome ("Cat, 49% sure, 1 object found", "Nothing recognised…", or the failure). When the shown photo
 * has its outcome and no other is waiting, focus moves to the result's heading (or the problem).
 */
export function useClassifyAnnouncer(items: Ref<QueueItem[]>, shownKey: Ref<number | null>, focusTarget: () => HTMLElement | null) {
  const message = ref('')
  const phases = computed(() => items.value.map((item) => [item.key, item.phase] as const))
  // What is already there when the page opens (back from another page) is old news.
  const seen = new Map<number, QueueItem['phase']>(phases.value)

  async function say(text: string) {
    // Emptied first, so the same words twice in a row are announced twice.
    message.value = ''
    await nextTick()
    message.value = text
  }

  watch(phases, async (now) => {
    const several = items.value.length > 1
    const news: string[] = []
    let shownFinished = false
    for (const [key, phase] of now) {
      const before = seen.get(key)
      seen.set(key, phase)
      if (before === phase) continue
      const item = items.value.find((candidate) => candidate.key === key)!
      const prefix = several ? `${item.name}: ` : ''
      if (phase === 'preparing') news.push(several ? `${prefix}classifying…` : `Classifying ${item.name}…`)
      else if (outcome(phase)) {
        news.push(`${prefix}${sentence(item)}`)
        if (key === shownKey.value) shownFinished = true
      }
    }
    if (news.length) await say(news.join(' '))
    const waiting = items.value.some((item) => item.phase === 'waiting')
    if (shownFinished && !waiting && mayMoveFocus()) {
      await nextTick()
      focusTarget()?.focus()
    }
  })

  return { message }
}
