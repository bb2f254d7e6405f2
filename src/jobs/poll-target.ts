import { connectorContext, connectorFor } from '../app/connectors.ts';
import type { AppContext } from '../app/context.ts';
import { findTarget, markFailed, markPublished } from '../db/targets.ts';
import { publishInput } from './publish-target.ts';
import { addPollJob } from './queue.ts';

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
  if (outcome.kind === 'published') {
    await markPublished(app.pool, target.id, {
      networkPostId: outcome.id,
      postUrl: outcome.postUrl,
      extra: outcome.extra ?? null,
      warnings: outcome.warnings,
    });
  } else if (outcome.kind === 'failed') {
    await markFailed(app.pool, target.id, { ...outcome.error, platform: target.platform });
  } else {
    const after = outcome.kind === 'pending' ? outcome.pollAfterMs : 60_000;
    await addPollJob(app.pool, target.id, new Date(Date.now() + after));
  }
}
