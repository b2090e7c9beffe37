import { describe, expect, it } from 'vitest'
import { classification, customAnswer, customModel } from '@/test/fixtures'
import { ApiProblem, problemMessage } from './problem'
import { choiceLabel, classNames, customChoice, customChoiceId, customModelIdOf, modelsOfProblem, namesInWords } from './modelFeedback'

const problem = (slug: string, extra: Record<string, unknown>) => new ApiProblem({ type: `https://zoolens.io/problems/${slug}`, title: slug, ...extra }, 422)

describe('model feedback helpers', () => {
  it('finds the custom model of a result by its classifier folder, and none for a built-in model', () => {
    expect(customModelIdOf(classification({ model: { name: 'u-674ab1-67f0c2', version: '2', task: 'classification' } }))).toBe('67f0c2')
    expect(customModelIdOf(classification())).toBeNull()
    expect(customModelIdOf(classification({ model: null }))).toBeNull()
    // The api's own `customModel` comes first.
    expect(customModelIdOf(customAnswer({ customModel: { id: 'm7', name: 'Seeds', version: '1' } }))).toBe('m7')
  })

  it('names a choice with its active version, and keeps picker values for custom models apart from model names', () => {
    expect(choiceLabel(customModel())).toBe('Birds · v2')
    expect(choiceLabel(customModel({ activeVersion: null }))).toBe('Birds · not trained yet')
    expect(customChoiceId(customChoice('m1'))).toBe('m1')
    expect(customChoiceId('coco-centernet')).toBeNull()
    expect(classNames(customModel({ classes: [{ albumId: 'a1', name: 'robin' }, { albumId: 'a2', name: null }] }))).toEqual(['robin'])
  })

  it('says readably that a label is not a class, with the classes, and which models hold an album', () => {
    expect(problemMessage(problem('not-a-class', { classes: ['robin', 'wren'] }))).toBe('That is not one of this model’s classes. Pick one of: robin, wren.')
    expect(problemMessage(problem('not-a-class', {}))).toBe('That is not one of this model’s classes. Pick one of its classes.')
    const inModels = problem('album-in-custom-model', { models: [{ id: 'm1', name: 'Birds' }, { id: 'm2', name: 'Pets' }, { bad: 1 }] })
    expect(modelsOfProblem(inModels)).toEqual([
      { id: 'm1', name: 'Birds' },
      { id: 'm2', name: 'Pets' },
    ])
    expect(problemMessage(inModels)).toContain('This album is a class of “Birds” and “Pets”.')
    expect(namesInWords(['a', 'b', 'c'])).toBe('a, b and c')
  })
})
