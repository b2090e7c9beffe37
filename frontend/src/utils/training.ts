// Words for custom-model training: the class checks before a training, the progress line, the announcements and
// why a training failed (docs/custom-models.md).
import type { TrainingError, TrainingJob, TrainingSummary } from '@/services/customModels'
import { formatPercent } from './format'

/** A class needs at least this many different pictures; the api refuses fewer (`TOO_FEW_PICTURES`). */
export const MIN_PICTURES_PER_CLASS = 5
/** Largest class more than this many times the smallest: worth a warning (the head weighs classes equally). */
export const UNBALANCED_RATIO = 3

export interface PlannedClass {
  albumId: string
  /** null: the album was deleted */
  name: string | null
  pictures: number
}

export interface ClassWarning {
  kind: 'too-few-classes' | 'too-few-pictures' | 'unbalanced' | 'album-deleted'
  /** Blocks a training (the api would refuse it), or only advises. */
  blocking: boolean
  text: string
  /** The class it is about, for a link to add pictures. */
  albumId?: string
}

const pictures = (n: number) => `${n} ${n === 1 ? 'picture' : 'pictures'}`

/** What to fix before training these classes, blocking problems first. */
export function classWarnings(classes: PlannedClass[]): ClassWarning[] {
  const warnings: ClassWarning[] = []
  if (classes.length < 2) {
    warnings.push({ kind: 'too-few-classes', blocking: true, text: 'A model needs at least 2 albums, one per class.' })
  }
  for (const item of classes) {
    if (item.name === null) {
      warnings.push({
        kind: 'album-deleted',
        blocking: true,
        albumId: item.albumId,
        text: 'An album of this model was deleted: take it out of the model (or create the model again) before training.',
      })
    } else if (item.pictures < MIN_PICTURES_PER_CLASS) {
      warnings.push({
        kind: 'too-few-pictures',
        blocking: true,
        albumId: item.albumId,
        text: `“${item.name}” has ${pictures(item.pictures)}; a class needs at least ${MIN_PICTURES_PER_CLASS} (20–50 make a far better model). Add ${MIN_PICTURES_PER_CLASS - item.pictures} more.`,
      })
    }
  }
  const counted = classes.filter((item) => item.name !== null && item.pictures > 0)
  if (counted.length >= 2) {
    const largest = counted.reduce((a, b) => (b.pictures > a.pictures ? b : a))
    const smallest = counted.reduce((a, b) => (b.pictures < a.pictures ? b : a))
    if (largest.pictures > UNBALANCED_RATIO * smallest.pictures) {
      warnings.push({
        kind: 'unbalanced',
        blocking: false,
        albumId: smallest.albumId,
        text: `Very unbalanced: “${largest.name}” has ${pictures(largest.pictures)}, “${smallest.name}” only ${smallest.pictures}. Each class counts the same in training, but a small class is learnt from little; add pictures to “${smallest.name}”.`,
      })
    }
  }
  return warnings
}

/** "about 8 s left" under a minute and a half, then minutes. */
export function timeLeft(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return ''
  if (seconds < 90) return `about ${Math.max(1, Math.round(seconds))} s left`
  return `about ${Math.round(seconds / 60)} min left`
}

type JobLike = Pick<TrainingJob, 'state' | 'stage' | 'done' | 'total' | 'etaSeconds'> & Partial<Pick<TrainingJob, 'version' | 'error' | 'cancelRequested'>>

/** 0..1 while features are computed; null (an indeterminate bar) while queued or training. */
export function trainingFraction(job: JobLike): number | null {
  if (job.state === 'SUCCEEDED') return 1
  if (job.stage === 'FEATURES' && job.total > 0) return Math.min(1, job.done / job.total)
  return null
}

/** The progress line: "Features 12 of 40, about 8 s left", "Training and evaluating", or the outcome. */
export function trainingStatus(job: JobLike): string {
  switch (job.state) {
    case 'SUCCEEDED':
      return job.version ? `Done: version ${job.version} is ready and active.` : 'Done: the new version is ready.'
    case 'FAILED':
      return `Training failed. ${trainingErrorText(job.error ?? null)}`
    case 'CANCELLED':
      return 'Training cancelled. The model is as it was.'
  }
  if (job.cancelRequested) return 'Cancelling…'
  if (job.state === 'QUEUED' || job.stage === 'QUEUED') return 'Waiting for its turn…'
  if (job.stage === 'FEATURES') {
    const left = timeLeft(job.etaSeconds)
    return job.total > 0 ? `Features ${job.done} of ${job.total}${left ? `, ${left}` : ''}` : 'Reading the pictures…'
  }
  return 'Training and evaluating'
}

/** A failed training's reason as something to act on (docs/api.md, `Training.error`). */
export function trainingErrorText(error: TrainingError | null): string {
  if (!error) return 'No reason was given. Try again.'
  const detail = error.detail?.replace(/^[A-Z_]+: /, '') ?? ''
  switch (error.type) {
    case 'album-deleted':
      return 'An album of the model was deleted meanwhile. Take it out of the model, then train again.'
    case 'training-refused':
      return `${detail || 'The classes cannot be trained as they are.'} Fix the albums, then train again.`
    case 'classifier-unavailable':
      return 'The classifier could not be reached. Nothing changed; try again in a moment.'
    case 'model-deleted':
      return 'The model was deleted.'
    default:
      return detail || 'Try again; if it fails again, check the pictures of the albums.'
  }
}

/** The quarter (0–4) of the features done, for announcing progress without flooding. */
const quarter = (job: JobLike) => (job.stage === 'FEATURES' && job.total > 0 ? Math.floor((4 * job.done) / job.total) : -1)

/**
 * What a screen reader should hear when the job moves from `before` to `now`: every change of stage or state,
 * and within the features every 25 %; null for the small steps in between.
 */
export function trainingNews(before: JobLike | null, now: JobLike): string | null {
  const changed = !before || before.state !== now.state || before.stage !== now.stage
  if (changed) {
    if (now.state === 'RUNNING' && now.stage === 'FEATURES') return `Training started. ${trainingStatus(now)}.`
    return trainingStatus(now)
  }
  if (!before.cancelRequested && now.cancelRequested) return 'Cancelling the training…'
  const step = quarter(now)
  if (step > 0 && step < 4 && step > quarter(before)) return `${formatPercent(now.done / now.total)} of the features. ${trainingStatus(now)}.`
  return null
}

/** A model's current training as the list shows it: "Training 40%" or "Training". */
export function trainingBadge(summary: Pick<TrainingSummary, 'state' | 'stage' | 'done' | 'total'>): string {
  if (summary.state === 'QUEUED') return 'Training queued'
  const fraction = summary.stage === 'FEATURES' && summary.total > 0 ? summary.done / summary.total : null
  return fraction === null ? 'Training' : `Training ${formatPercent(fraction)}`
}
