import type { CustomModel, ModelVersion, TrainingJob } from '@/services/customModels'

export function version(overrides: Partial<ModelVersion> = {}): ModelVersion {
  return {
    version: '1',
    createdAt: '2026-12-05T10:00:00Z',
    backbone: 'coco-centernet',
    backboneVersion: '1',
    pictures: 30,
    classes: [
      { albumId: 'a1', label: 'beagle', pictures: 20 },
      { albumId: 'a2', label: 'basset', pictures: 10 },
    ],
    metrics: {
      accuracy: 0.8,
      method: 'leave-one-out',
      folds: 30,
      perClass: [
        { label: 'beagle', support: 20, precision: 0.85, recall: 0.85, f1: 0.85 },
        { label: 'basset', support: 10, precision: 0.7, recall: 0.7, f1: 0.7 },
      ],
      confusionLabels: ['beagle', 'basset'],
      confusion: [
        [17, 3],
        [3, 7],
      ],
      misclassified: [{ pictureId: 'p1', actual: 'beagle', predicted: 'basset' }],
    },
    trainingMillis: 2400,
    ...overrides,
  }
}

export function customModel(overrides: Partial<CustomModel> = {}): CustomModel {
  return {
    id: 'm1',
    name: 'Dogs',
    backbone: 'coco-centernet',
    classes: [
      { albumId: 'a1', name: 'beagle' },
      { albumId: 'a2', name: 'basset' },
    ],
    activeVersion: null,
    versions: [],
    currentTraining: null,
    newExamples: 0,
    createdAt: '2026-12-05T09:00:00Z',
    updatedAt: '2026-12-05T09:00:00Z',
    ...overrides,
  }
}

export function job(overrides: Partial<TrainingJob> = {}): TrainingJob {
  return {
    id: 'j1',
    modelId: 'm1',
    state: 'RUNNING',
    stage: 'FEATURES',
    done: 0,
    total: 40,
    etaSeconds: 20,
    version: null,
    error: null,
    cancelRequested: false,
    createdAt: '2026-12-05T10:00:00Z',
    startedAt: '2026-12-05T10:00:01Z',
    finishedAt: null,
    ...overrides,
  }
}
