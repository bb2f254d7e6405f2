import { parseCronItems, type Runner, run, type WorkerEvents } from 'graphile-worker';
import type { AppContext } from '../app/context.ts';
import { addDeliveryJob, DELIVER_TASK, overdueEvents } from '../db/webhook-events.ts';
import { deliverEvent } from '../webhooks/deliver.ts';
import { withLocalQueue } from './engine-fetch.ts';
import type { RunnerHealth } from './supervised-runner.ts';
import { ENGINE_PRESET, workerLogger } from './worker.ts';

export const WEBHOOK_SWEEP_TASK = 'sweep_webhooks';

/** An attempt overdue by this much lost its job (its process died mid-attempt). */
const OVERDUE_GRACE_MS = 60_000;

/**
 * Runs every minute: pending events whose attempt is long overdue get their job again
 * (graphile-worker keeps a dead process's job locked for hours). Never a second send
 * at once: the attempt's claim is a guarded UPDATE.
 */
export async function sweepWebhooks(app: AppContext): Promise<number> {
  const ids = await overdueEvents(app.pool, OVERDUE_GRACE_MS, 1000);
  for (const id of ids) await addDeliveryJob(app.pool, id);
  if (ids.length > 0) app.log.warn({ count: ids.length }, 're-queued webhook events whose attempt was lost');
  return ids.length;
}

function eventIdOf(payload: unknown): string {
  const id = (payload as { eventId?: unknown } | null)?.eventId;
  if (typeof id !== 'string') throw new Error('webhook job without eventId');
  return id;
}

/**
 * Webhook deliveries run in their own graphile-worker runner: a runner fetches only
 * the tasks of its own task list, so deliveries never take one of the publish runner's
 * HERALD_WORKER_CONCURRENCY slots, and publish jobs never wait behind them however many
 * events are queued or however slowly receivers answer. HERALD_WEBHOOK_CONCURRENCY
 * bounds the deliveries in flight per process (0: this process delivers none).
 */
export async function startWebhookWorker(
  app: AppContext,
  events?: WorkerEvents,
  health?: RunnerHealth,
): Promise<Runner | undefined> {
  const { concurrency, retryScheduleMs } = app.config.webhooks;
  if (concurrency === 0) return undefined;
  // A retry is a job with a run-at time, found by polling: poll at least as often as the
  // shortest retry delay (within 0.1–2 s), or a short schedule would wait on the poll.
  const pollInterval = Math.min(2000, Math.max(100, Math.min(...retryScheduleMs)));
  return run({
    pgPool: app.pool,
    ...(events ? { events } : {}),
    // One fetch per notification for the runner, not one per idle slot: every publish job's
    // insert notification wakes this runner too (one channel for all tasks), to find nothing.
    preset: withLocalQueue(ENGINE_PRESET, concurrency),
    concurrency,
    noHandleSignals: true,
    pollInterval,
    logger: workerLogger(app, 'webhook-worker', health),
    parsedCronItems: parseCronItems([
      { task: WEBHOOK_SWEEP_TASK, match: '* * * * *', identifier: WEBHOOK_SWEEP_TASK },
    ]),
    taskList: {
      [DELIVER_TASK]: async (payload) => {
        await deliverEvent(app, eventIdOf(payload));
        app.metrics.jobs.inc({ task: DELIVER_TASK, outcome: 'ok' });
      },
      [WEBHOOK_SWEEP_TASK]: async () => {
        await sweepWebhooks(app);
        app.metrics.jobs.inc({ task: WEBHOOK_SWEEP_TASK, outcome: 'ok' });
      },
    },
  });
}
