import type { Album, Classification, SessionState, Stats, User } from '@/services/types'
import type { CustomModelChoice } from '@/services/modelFeedback'

export const user: User = { id: 'u1', username: 'ada', email: 'ada@example.org', createdAt: '2026-11-20T10:00:00Z' }

export function classification(overrides: Partial<Classification> = {}): Classification {
  const id = overrides.id ?? 'c1'
  const answer: Classification = {
    id,
    status: 'DONE',
    createdAt: '2026-11-25T20:07:40Z',
    classifiedAt: '2026-11-25T20:07:41Z',
    originalFilename: 'chelsea.png',
    image: {
      contentType: 'image/png',
      width: 451,
      height: 300,
      bytes: 240417,
      sha256: 'abc',
      url: `/api/classifications/${id}/image`,
      thumbnailUrl: `/api/classifications/${id}/thumbnail`,
    },
    model: { name: 'coco-centernet', version: '1', task: 'detection' },
    topLabel: 'cat',
    topScore: 0.71,
    labels: [
      { label: 'cat', score: 0.71 },
      { label: 'dog', score: 0.12 },
    ],
    objects: [{ label: 'cat', score: 0.71, box: { x: 12.5, y: 30, width: 300.2, height: 260.8 } }],
    timings: { decodeMs: 4.1, preprocessMs: 2.3, inferenceMs: 31, classifierMs: 45.2 },
    albumId: null,
    feedback: null,
    attempts: 1,
    error: null,
    album: null,
    hints: [],
    applied: { topK: 5, minScore: 0.3 },
    recognised: true,
    unknown: false,
    reject: null,
    labelCount: 2,
    customModel: null,
    trainingExample: null,
    ...overrides,
  }
  // What the api derives from the answer, unless a test sets it.
  return {
    ...answer,
    recognised: overrides.recognised ?? (answer.status === 'DONE' && answer.topLabel !== null && answer.labels.length > 0),
    labelCount: overrides.labelCount ?? answer.labels.length,
  }
}

/** A custom model's answer that the photo is none of its classes (docs/api.md `unknown`), as the api shows it. */
export function unknownAnswer(overrides: Partial<Classification> = {}): Classification {
  return classification({
    model: { name: 'Shoes and bags', version: '2', task: 'classification' },
    recognised: false,
    unknown: true,
    reject: { reasons: ['low-similarity'], similarity: 0.912, minSimilarity: 0.965, probability: 0.41, minProbability: 0.61 },
    topLabel: null,
    topScore: null,
    labels: [{ label: 'beagle', score: 0.41 }],
    objects: [],
    hints: [
      { label: 'beagle', score: 0.41 },
      { label: 'basset_hound', score: 0.3 },
    ],
    labelCount: 4,
    ...overrides,
  })
}

export function album(overrides: Partial<Album> = {}): Album {
  return { id: 'a1', name: 'Cats', description: null, createdAt: '2026-11-25T20:00:00Z', itemCount: 0, coverThumbnailUrl: null, ...overrides }
}

export const stats: Stats = {
  totals: {
    classifications: 12,
    pending: 0,
    failed: 0,
    recognised: 10,
    nothingFound: 2,
    withFeedback: 6,
    correct: 4,
    accuracy: 0.8,
    nothingFoundWithFeedback: 1,
  },
  labels: [
    { label: 'cat', count: 10, withFeedback: 5, correct: 4, accuracy: 0.8, nothingFound: false },
    { label: null, count: 2, withFeedback: 1, correct: 0, accuracy: null, nothingFound: true },
  ],
  models: [{ name: 'coco-centernet', version: '1', count: 12, withFeedback: 5, correct: 4, accuracy: 0.8 }],
  days: [{ date: '2026-11-25', count: 3, correct: 1, wrong: 0 }],
}

/** `GET /api/auth/session` for a signed-in user (or, with `user: null`, a guest). */
export function session(overrides: Partial<SessionState> = {}): SessionState {
  return {
    user,
    guest: false,
    limits: {
      guestUploads: { max: 30, windowSeconds: 3600, perAddress: true },
      upload: { maxBytes: 10485760, maxPixels: 40000000, allowedTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/bmp'] },
      accountUploads: { max: 60, windowSeconds: 60 },
      accountUploadsPerDay: null,
      storageQuotaBytes: 2147483648,
    },
    usage: overrides.user === null ? null : { items: 12, storedBytes: 3456789, quotaBytes: 2147483648 },
    ...overrides,
  }
}

export const passwordRules = {
  minLength: 10,
  maxBytes: 72,
  rules: [
    { code: 'min-length', text: 'At least 10 characters' },
    { code: 'max-bytes', text: 'At most 72 bytes' },
    { code: 'not-common', text: 'Not a common password' },
    { code: 'not-personal', text: 'Must not contain your username or email' },
  ],
}

/** A custom model as `GET /api/custom-models` lists it (the fields the classify page reads). */
export function customModel(overrides: Partial<CustomModelChoice> = {}): CustomModelChoice {
  return {
    id: 'm1',
    name: 'Birds',
    activeVersion: '2',
    classes: [
      { albumId: 'a1', name: 'robin' },
      { albumId: 'a2', name: 'wren' },
      { albumId: 'a3', name: 'blackbird' },
    ],
    newExamples: 0,
    ...overrides,
  }
}

/** A custom model's answer: every class with its share (the api's defaults for it, topK 100 and minScore 0). */
export function customAnswer(overrides: Partial<Classification> = {}): Classification {
  return classification({
    model: { name: 'u-u1-m1', version: '2', task: 'classification' },
    topLabel: 'robin',
    topScore: 0.81,
    labels: [
      { label: 'robin', score: 0.81 },
      { label: 'wren', score: 0.15 },
      { label: 'blackbird', score: 0.04 },
    ],
    objects: null,
    applied: { topK: 100, minScore: 0 },
    reject: { reasons: [], similarity: 0.98, minSimilarity: 0.95, probability: 0.81, minProbability: 0.6 },
    ...overrides,
  })
}
