import { describe, expect, it } from 'vitest'
import { job } from '@/test/customModelFixtures'
import { classWarnings, trainingErrorText, trainingFraction, trainingNews, trainingStatus } from './training'

describe('training words', () => {
  it('warns about classes under 5 pictures and very unbalanced classes', () => {
    const warnings = classWarnings([
      { albumId: 'a', name: 'beagle', pictures: 40 },
      { albumId: 'b', name: 'basset', pictures: 3 },
      { albumId: 'c', name: 'pug', pictures: 12 },
    ])
    expect(warnings.map((w) => [w.kind, w.blocking, w.albumId])).toEqual([
      ['too-few-pictures', true, 'b'],
      ['unbalanced', false, 'b'],
    ])
    expect(warnings[0]!.text).toContain('“basset” has 3 pictures; a class needs at least 5')
    expect(warnings[1]!.text).toContain('“beagle” has 40 pictures, “basset” only 3')
    expect(classWarnings([{ albumId: 'a', name: 'x', pictures: 15 }, { albumId: 'b', name: 'y', pictures: 5 }])).toEqual([])
    expect(classWarnings([{ albumId: 'a', name: 'x', pictures: 16 }, { albumId: 'b', name: 'y', pictures: 5 }]).map((w) => w.kind)).toEqual(['unbalanced'])
    expect(classWarnings([{ albumId: 'a', name: 'x', pictures: 9 }]).map((w) => w.kind)).toEqual(['too-few-classes'])
    expect(classWarnings([{ albumId: 'a', name: null, pictures: 0 }, { albumId: 'b', name: 'y', pictures: 9 }])[0]?.kind).toBe('album-deleted')
  })

  it('says the stage, the count and the time left', () => {
    expect(trainingStatus(job({ done: 12, total: 40, etaSeconds: 8 }))).toBe('Features 12 of 40, about 8 s left')
    expect(trainingStatus(job({ stage: 'TRAINING' }))).toBe('Training and evaluating')
    expect(trainingStatus(job({ state: 'QUEUED', stage: 'QUEUED' }))).toBe('Waiting for its turn…')
    expect(trainingStatus(job({ state: 'SUCCEEDED', stage: 'DONE', version: '3' }))).toBe('Done: version 3 is ready and active.')
    expect(trainingStatus(job({ state: 'FAILED', error: { type: 'album-deleted', detail: 'x' } }))).toContain('An album of the model was deleted')
    expect(trainingErrorText({ type: 'training-refused', detail: 'TOO_FEW_PICTURES: Album “pug” has 2 distinct pictures.' })).toBe(
      'Album “pug” has 2 distinct pictures. Fix the albums, then train again.',
    )
    expect(trainingFraction(job({ done: 10, total: 40 }))).toBe(0.25)
    expect(trainingFraction(job({ stage: 'TRAINING' }))).toBeNull()
  })

  it('announces stage changes and every quarter of the features, nothing in between', () => {
    const step = (done: number) => job({ done, total: 40 })
    expect(trainingNews(null, step(0))).toContain('Training started')
    expect(trainingNews(step(0), step(5))).toBeNull()
    expect(trainingNews(step(5), step(10))).toContain('25% of the features')
    expect(trainingNews(step(10), step(15))).toBeNull()
    expect(trainingNews(step(15), step(21))).toContain('53% of the features')
    expect(trainingNews(step(39), job({ stage: 'TRAINING', done: 40 }))).toBe('Training and evaluating')
    expect(trainingNews(job({ stage: 'TRAINING' }), job({ state: 'SUCCEEDED', stage: 'DONE', version: '2' }))).toContain('version 2')
  })
})
