import type { Classification } from '@/services/types'
import { formatPercent, humanLabel } from './format'

/** Whether a result names something (contract E `recognised`; an older api's answer: a top label). */
export function isRecognised(classification: Classification): boolean {
  if (classification.status !== 'DONE') return false
  return classification.recognised ?? (classification.topLabel !== null && classification.labels.length > 0)
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/** One sentence for a result, as a screen reader hears it: "Cat, 49% sure, 1 object found". */
export function resultSentence(classification: Classification): string {
  if (classification.status === 'FAILED') return `Could not classify. ${classification.error?.detail ?? 'The classifier could not read this picture.'}`
  if (classification.status !== 'DONE') return 'Queued. Your photo is saved and will be classified when the classifier is back.'
  if (!isRecognised(classification)) {
    const hints = (classification.hints ?? []).map((hint) => `${humanLabel(hint.label)} ${formatPercent(hint.score)}`)
    return hints.length ? `Nothing recognised. Not confident, but maybe: ${hints.join(', ')}.` : 'Nothing recognised.'
  }
  const parts = [capitalised(humanLabel(classification.topLabel)), `${formatPercent(classification.topScore)} sure`]
  if (classification.model?.task === 'detection') {
    const count = classification.objects?.length ?? 0
    parts.push(`${count} ${count === 1 ? 'object' : 'objects'} found`)
  }
  return parts.join(', ')
}
