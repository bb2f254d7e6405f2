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
 * A `pending` target: the network took the post and publishes it later. Ask it
 * again until it says published or failed. A webhook from the network may settle
 * the target first; then this finds nothing pending and stops.
 */
export async function pollTarget(app: AppContext, targetId: string): Promise<void> {
  const target = await findTarget(app.pool, targetId);
  const ref = typeof target?.extra?.ref === 'string' ? target.extra.ref : undefined;
  if (target?.state !== 'pending' || !ref) return;
  const prepared = await publishInput(app, target);
  const connector = prepared ? connectorFor(target.platform, prepared.sandbox) : undefined;
  if (!prepared || !connector?.poll) return;
  const outcome = await connector.poll(
    ref,
    prepared.input,
    connectorContext(app, target.platform, target.accountId ?? undefined, undefined, target),
  );
  if (outcome.kind === 'published' || outcome.kind === 'failed') {
    await settlePending(app, target, outcome);
  } else {
    const after = outcome.kind === 'pending' ? outcome.pollAfterMs : 60_000;
    await addPollJob(app.pool, target.id, new Date(Date.now() + after));
  }
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
  const moved = await markPollingStopped(
    app.pool,
    targetId,
    {
      code: 626,
      platform: target.platform,
      params: { platformName },
      details: `Poll job ${job.id} ran out of attempts (${job.attempts}) on errors inside Herald; its last error is in the worker's log. ${platformName} took the post and may have published it since.`,
    },
    { key: pollJobKey(targetId), id: job.id },
  );
  if (moved)
    app.log.error(
      { targetId, jobId: job.id, attempts: job.attempts },
      'stopped polling a pending target: its poll job ran out of attempts (626)',
    );
  return moved;
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
