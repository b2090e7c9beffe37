import { describe, expect, it } from 'vitest'
import type { Classification } from '@/services/types'
import { classification, unknownAnswer } from '@/test/fixtures'
import { isRecognised, isUnknown, resultSentence } from './announce'

describe('resultSentence', () => {
  it('says the top label, how sure and how many objects', () => {
    expect(resultSentence(classification({ topScore: 0.49 }))).toBe('Cat, 49% sure, 1 object found')
    expect(resultSentence(classification({ objects: [], model: { name: 'm', version: '1', task: 'classification' } }))).toBe('Cat, 71% sure')
  })

  it('says when nothing was recognised, with the hints', () => {
    const nothing = classification({ recognised: false, topLabel: null, topScore: null, labels: [], objects: [], hints: [{ label: 'orange', score: 0.19 }] })
    expect(resultSentence(nothing)).toBe('Nothing recognised. Not confident, but maybe: orange 19%.')
    expect(resultSentence({ ...nothing, hints: [] })).toBe('Nothing recognised.')
    expect(isRecognised(nothing)).toBe(false)
  })

  it('says a custom model’s unknown answer is none of its classes, with the closest guesses, never as an answer', () => {
    expect(resultSentence(unknownAnswer())).toBe('None of this model’s classes. Closest, but not a match: beagle 41%, basset hound 30%.')
    expect(resultSentence(unknownAnswer({ hints: [] }))).toBe('None of this model’s classes.')
    expect(isUnknown(unknownAnswer())).toBe(true)
    expect(isRecognised(unknownAnswer())).toBe(false)
    expect(isUnknown(classification())).toBe(false)
    const older: Partial<Classification> = classification()
    delete older.unknown
    delete older.reject
    expect(isUnknown(older as Classification)).toBe(false)
  })

  it('reads an older api’s answer without `recognised` from its top label', () => {
    expect(isRecognised(classification())).toBe(true)
    expect(isRecognised(classification({ topLabel: null, labels: [] }))).toBe(false)
    expect(isRecognised(classification({ status: 'PENDING' }))).toBe(false)
  })

  it('says why a classification failed, or that it is queued', () => {
    expect(resultSentence(classification({ status: 'FAILED', error: { type: 'x', detail: 'The PNG is cut off.' } }))).toBe('Could not classify. The PNG is cut off.')
    expect(resultSentence(classification({ status: 'PENDING' }))).toMatch(/^Queued\./)
  })
})
