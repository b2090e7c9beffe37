import type { Classification } from '@/services/types'
import { formatPercent, humanLabel } from './format'

/** Whether a result names something (contract E `recognised`; an older api's answer: a top label). */
export function isRecognised(classification: Classification): boolean {
  if (classification.status !== 'DONE') return false
  return classification.recognised ?? (classification.topLabel !== null && classification.labels.length > 0)
}

/**
 * Whether a custom model said the photo is none of its classes (docs/api.md `unknown`): its best labels are then
 * the closest guesses, never the answer. An older api's answer has no `unknown`.
 */
export function isUnknown(classification: Classification): boolean {
  return classification.status === 'DONE' && classification.unknown === true
}

/** The heading of an unknown answer, also what History and the queue call it. */
export const UNKNOWN_TITLE = 'None of this model’s classes'

/** Why the model said so, in words (the reject rule's reasons); a general sentence when it gave none. */
export function unknownReason(classification: Classification): string {
  const reasons = classification.reject?.reasons ?? []
  const words: string[] = []
  if (reasons.includes('low-similarity')) words.push('The photo looks unlike the pictures this model learned from.')
  if (reasons.includes('low-probability')) words.push('The model could not settle on one of its classes.')
  return words.length ? words.join(' ') : 'The model says the photo is none of the classes it knows.'
}

/** "bag 94%, sneaker 4%": the hints as one phrase. */
export function hintsPhrase(classification: Classification): string {
  return (classification.hints ?? []).map((hint) => `${humanLabel(hint.label)} ${formatPercent(hint.score)}`).join(', ')
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/** One sentence for a result, as a screen reader hears it: "Cat, 49% sure, 1 object found". */
export function resultSentence(classification: Classification): string {
  if (classification.status === 'FAILED') return `Could not classify. ${classification.error?.detail ?? 'The classifier could not read this picture.'}`
  if (classification.status !== 'DONE') return 'Queued. Your photo is saved and will be classified when the classifier is back.'
  if (isUnknown(classification)) {
    const hints = hintsPhrase(classification)
    return hints ? `${UNKNOWN_TITLE}. Closest, but not a match: ${hints}.` : `${UNKNOWN_TITLE}.`
  }
  if (!isRecognised(classification)) {
    const hints = hintsPhrase(classification)
    return hints ? `Nothing recognised. Not confident, but maybe: ${hints}.` : 'Nothing recognised.'
  }
  const parts = [capitalised(humanLabel(classification.topLabel)), `${formatPercent(classification.topScore)} sure`]
  if (classification.model?.task === 'detection') {
    const count = classification.objects?.length ?? 0
    parts.push(`${count} ${count === 1 ? 'object' : 'objects'} found`)
  }
  return parts.join(', ')
}
