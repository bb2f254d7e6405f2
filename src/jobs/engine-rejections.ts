import type { Logger } from '../ops/logger.ts';

/**
 * graphile-worker 0.17.3's local queue, released after its pool gave up (the database
 * connection dropped), tries to give the jobs it still held back to the database; when
 * that fails too, it throws from a promise nobody awaits (`localQueue.js` `returnJobs`:
 * `background()` refuses work once the queue is released, and the rejection it leaves is
 * unhandled). Node then ends the process: a dropped connection killed the worker (a
 * `test/faults/database-restart.test.ts` run: the worker gone, 49 targets queued and 8
 * sending). Those jobs stay locked by the pool that gave up, which the supervisor unlocks
 * when its next runner starts (supervised-runner.ts, `force_unlock_workers`): nothing is
 * lost by logging it instead.
 *
 * Matched on its text: graphile-worker gives the error no code of its own.
 */
export function isLocalQueueReturnFailure(reason: unknown): boolean {
  return (
    reason instanceof Error &&
    reason.message.startsWith('Error occurred whilst returning jobs from local queue to database queue')
  );
}

let installed = false;

/**
 * Installs, once per process, the handler that logs that one rejection. Any other unhandled
 * rejection is thrown again from the handler, so it ends the process as Node's default
 * would (an unknown failure is not hidden).
 */
export function logEngineReturnFailures(log: Pick<Logger, 'error'>): void {
  if (installed) return;
  installed = true;
  process.on('unhandledRejection', engineRejectionHandler(log));
}

/** The handler itself (tested apart from the process). */
export function engineRejectionHandler(log: Pick<Logger, 'error'>): (reason: unknown) => void {
  return (reason) => {
    if (!isLocalQueueReturnFailure(reason)) throw reason;
    log.error(
      { error: (reason as Error).message },
      'worker pool could not give its held jobs back; they are unlocked when the next pool starts',
    );
  };
}
