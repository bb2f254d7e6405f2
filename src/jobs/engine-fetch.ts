/**
 * How a runner fetches due jobs: graphile-worker's local queue, one fetch for all of a
 * process's idle slots, instead of one `get_job` per slot (issue 16).
 *
 * Without it every slot fetches for itself: after each job (empty when nothing waits),
 * on each `jobs:insert` notification (one idle slot per job announced, racing the slots
 * that just finished), again at once when a notification passed it mid-fetch, and every
 * poll interval (200 slots polling every 2 s: 100 fetches a second at rest). The bench
 * counted 3 to 5 fetches per job that found nothing, against one that found it.
 *
 * The local queue fetches once per notification (notifications during a fetch fold into
 * one more), polls once per interval for the whole runner, and hands jobs to waiting
 * slots without a round trip. Its one cost: when every slot is busy it may hold the jobs
 * of its last fetch (locked to this process) until a slot frees. Bounded here so that a
 * second worker process still takes the work a busy one cannot start:
 * - at most `FETCH_BATCH_MAX` jobs per fetch (a notification rarely announces more; a
 *   full batch is followed by the next at once, so bursts still go at one round trip
 *   per batch);
 * - held at most `HELD_JOBS_TTL_MS`, then given back to the database (attempt not
 *   counted), where any process's next fetch finds them.
 */
export const FETCH_BATCH_MAX = 32;
export const HELD_JOBS_TTL_MS = 1000;

type EnginePreset = { worker: Record<string, unknown> };

/** `preset` with the local queue sized for a runner of `concurrency` slots. */
export function withLocalQueue<P extends EnginePreset>(preset: P, concurrency: number): P {
  const size = Math.max(1, Math.min(concurrency, FETCH_BATCH_MAX));
  return { ...preset, worker: { ...preset.worker, localQueue: { size, ttl: HELD_JOBS_TTL_MS } } };
}

/**
 * graphile-worker warns at start when the local queue is smaller than the concurrency
 * ("may result in drastically lower performance if your jobs can complete quickly"). By
 * design here (the bound above) and a Herald job waits on a network, so workerLogger
 * (worker.ts) logs it as debug. Matched on its text: it carries no code nor meta of its own.
 */
export function isBatchSizeWarning(message: string): boolean {
  return message.startsWith('Your job batch size (');
}

/**
 * graphile-worker's local queue logs a failed fetch ("Error occurred fetching jobs; will try
 * again on next poll interval") and emits no event for it. Matched on that text, as above:
 * the supervisor replaces a runner whose fetches keep failing (supervised-runner.ts).
 */
export function isFetchFailure(message: string): boolean {
  return message.startsWith('Error occurred fetching jobs');
}
