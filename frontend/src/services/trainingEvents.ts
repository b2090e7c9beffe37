import { ApiProblem } from './problem'
import { isFinished, type TrainingJob } from './customModels'

/** How often a training is asked about when its event stream is not available (contract: every 2 s). */
export const TRAINING_POLL_MS = 2000

export interface FollowTrainingOptions {
  /** The job's `…/events` URL (server-sent events named `progress`, each the job as JSON). */
  eventsUrl: string
  /** `GET …/trainings/{jobId}`, for polling. */
  fetchJob: () => Promise<TrainingJob>
  /** Every news of the job, the last one finished (SUCCEEDED, FAILED, CANCELLED). */
  onJob: (job: TrainingJob) => void
  /** The job (or its model) is gone: 404 while polling. */
  onGone?: (problem: ApiProblem) => void
  pollMs?: number
}

/**
 * Follows a training until it ends: by its event stream, or, when the browser has no EventSource or the stream
 * fails (a proxy that buffers, a dropped connection, an api replica restarting), by polling the job. Returns the
 * function that stops following. The stream sends its last event and closes; the close that follows a finished
 * job is not a failure.
 */
export function followTraining(options: FollowTrainingOptions): () => void {
  const pollMs = options.pollMs ?? TRAINING_POLL_MS
  let stopped = false
  let source: EventSource | null = null
  let timer: ReturnType<typeof setTimeout> | null = null

  function stop() {
    stopped = true
    source?.close()
    source = null
    if (timer !== null) clearTimeout(timer)
    timer = null
  }

  function news(job: TrainingJob) {
    if (stopped) return
    if (isFinished(job)) stop()
    options.onJob(job)
  }

  async function poll() {
    timer = null
    if (stopped) return
    try {
      news(await options.fetchJob())
    } catch (problem) {
      // Gone for good: the model was deleted (or the job belongs to no one here). Anything else: ask again.
      if (problem instanceof ApiProblem && problem.status === 404) {
        stop()
        options.onGone?.(problem)
        return
      }
    }
    if (!stopped) timer = setTimeout(poll, pollMs)
  }

  function startPolling() {
    source?.close()
    source = null
    if (!stopped && timer === null) void poll()
  }

  if (typeof EventSource === 'undefined') {
    startPolling()
    return stop
  }
  source = new EventSource(options.eventsUrl, { withCredentials: true })
  source.addEventListener('progress', (event) => {
    try {
      news(JSON.parse((event as MessageEvent<string>).data) as TrainingJob)
    } catch {
      // An event this page cannot read: the job itself can still be asked for.
      startPolling()
    }
  })
  // EventSource would reconnect by itself, but an error may also be a 401/404 it will never get past: poll instead,
  // which sees real answers (and the app's session guard).
  source.onerror = () => {
    if (!stopped) startPolling()
  }
  return stop
}
