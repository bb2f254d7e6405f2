import { connectorContext, connectorFor } from '../app/connectors.ts';
import type { AppContext } from '../app/context.ts';
import { DECLARATIONS } from '../connectors/declarations.ts';
import type { PublishOutcome } from '../connectors/types.ts';
import { inTransaction } from '../db/pool.ts';
import type { TargetRecord } from '../db/posts.ts';
import { findTarget, markFailed, markPollingStopped, markPublished } from '../db/targets.ts';
import { queueFirstComment } from './first-comment.ts';
import { publishInput } from './publish-target.ts';
import { addPollJob, pollJobKey } from './queue.ts';

/**
 * How long a pending target's status fetches may fail in a row before Herald stops asking:
 * TikTok's own webhook retry window (72 h), as for a post that never gets a public id.
 */
export const POLL_FAILING_GIVE_UP_MS = 72 * 3_600_000;
/** Kept in the target's progress by the poll (beside the connector's keys): the first failed fetch of a run. */
const FAILING_SINCE = 'pollFailingSince';
/** After a failed status fetch: asked again this much later. */
const AFTER_FAILED_FETCH_MS = 60_000;

/**
 * A `pending` target: the network took the post and publishes later. Ask it
 * again until it says published or failed. A webhook from the network may settle
 * the target first; then this finds nothing pending and stops.
 *
 * Polling stops with the target recorded unconfirmed (626: the network may have published
 * it) when Herald can no longer ask (the account was unlinked) or when every status fetch
 * has failed for POLL_FAILING_GIVE_UP_MS: a target is never asked about forever. `job` is
 * the poll job running this (another job of its key keeps the target pending).
 */
export async function pollTarget(app: AppContext, targetId: string, job: { id: string }): Promise<void> {
  const target = await findTarget(app.pool, targetId);
  const ref = typeof target?.extra?.ref === 'string' ? target.extra.ref : undefined;
  if (target?.state !== 'pending' || !ref) return;
  const prepared = await publishInput(app, target);
  // The post is there (deleting it deletes its targets): no account means it was unlinked.
  if (!prepared) {
    const platformName = DECLARATIONS[target.platform].name;
    await stopPolling(
      app,
      target,
      job,
      `The ${platformName} account was unlinked while ${platformName} still held the post, so Herald can no longer ask about it. ${platformName} may have published it since; its webhook, if it comes, still settles the post.`,
    );
    return;
  }
  const connector = connectorFor(target.platform, prepared.sandbox);
  if (!connector?.poll) return;
  const ctx = connectorContext(app, target.platform, target.accountId ?? undefined, undefined, target);
  const outcome = await connector.poll(ref, prepared.input, ctx);
  if (outcome.kind === 'published' || outcome.kind === 'failed') {
    await settlePending(app, target, outcome);
    return;
  }
  const progress = ctx.progress.load() ?? {};
  const since = typeof progress[FAILING_SINCE] === 'number' ? progress[FAILING_SINCE] : undefined;
  if (outcome.kind === 'pending') {
    // The network answered: a run of failed fetches is over.
    if (since !== undefined) {
      const { [FAILING_SINCE]: _over, ...rest } = progress;
      await ctx.progress.save(rest);
    }
    await addPollJob(app.pool, target.id, new Date(Date.now() + outcome.pollAfterMs));
    return;
  }
  const now = Date.now();
  if (since === undefined) await ctx.progress.save({ ...progress, [FAILING_SINCE]: now });
  else if (now - since >= POLL_FAILING_GIVE_UP_MS) {
    const platformName = DECLARATIONS[target.platform].name;
    const moved = await stopPolling(
      app,
      target,
      job,
      `Every status fetch since ${new Date(since).toISOString()} failed, so Herald stopped asking; the last: ${outcome.reason}. ${platformName} took the post and may have published it since.`,
    );
    if (moved) return;
  }
  await addPollJob(app.pool, target.id, new Date(now + AFTER_FAILED_FETCH_MS));
}

/** Records a pending target unconfirmed (626) with `details`, unless another poll job of its key will ask. */
async function stopPolling(
  app: AppContext,
  target: TargetRecord,
  job: { id: string },
  details: string,
  level: 'warn' | 'error' = 'warn',
): Promise<boolean> {
  const platformName = DECLARATIONS[target.platform].name;
  const moved = await markPollingStopped(
    app.pool,
    target.id,
    { code: 626, platform: target.platform, params: { platformName }, details },
    { key: pollJobKey(target.id), id: job.id },
  );
  if (moved)
    app.log[level]({ targetId: target.id, jobId: job.id, details }, 'stopped polling a pending target (626)');
  return moved;
}

/**
 * The poll job's last attempt failed on an error of Herald's own (a failed status fetch is not
 * one: it asks again a minute later). The target would stay `pending` for good, asked about by
 * no one: it is recorded unconfirmed (626), as a send whose answer was lost, so the post's
 * outcome says to look at the network before retrying. A webhook or a restore that settled it
 * meanwhile, or a poll job added while this one ran, leaves nothing to do. True when it moved.
 */
export async function giveUpPoll(
  app: AppContext,
  targetId: string,
  job: { id: string; attempts: number },
): Promise<boolean> {
  const target = await findTarget(app.pool, targetId);
  if (target?.state !== 'pending') return false;
  const platformName = DECLARATIONS[target.platform].name;
  return stopPolling(
    app,
    target,
    job,
    `Poll job ${job.id} ran out of attempts (${job.attempts}) on errors inside Herald; its last error is in the worker's log. ${platformName} took the post and may have published it since.`,
    'error',
  );
}

/**
 * Settles a `pending` target with the network's final answer, from a poll or a
 * webhook. The guarded UPDATE moves it at most once: a repeated webhook or a late
 * poll finds it settled and changes nothing. The post's first comment, if it asked
 * for one, is queued in the same transaction as the move.
 */
export async function settlePending(
  app: AppContext,
  target: TargetRecord,
  outcome: Extract<PublishOutcome, { kind: 'published' | 'failed' }>,
): Promise<boolean> {
  return inTransaction(app.pool, async (tx) => {
    const moved =
      outcome.kind === 'published'
        ? await markPublished(tx, target.id, {
            networkPostId: outcome.id,
            postUrl: outcome.postUrl,
            extra: outcome.extra ?? null,
            warnings: outcome.warnings,
          })
        : await markFailed(tx, target.id, { ...outcome.error, platform: target.platform });
    // TikTok's first comment: posted once live, or refused with 288 once the post failed.
    if (moved) await queueFirstComment(tx, target);
    return moved;
  });
}
