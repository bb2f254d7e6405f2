import type pg from 'pg';
import { inTransaction, type Queryable } from '../db/pool.ts';
import { listTargets, type TargetRecord } from '../db/posts.ts';
import type { Profile } from '../db/profiles.ts';
import type { WebhookActionName } from './actions.ts';
import type { SocialEventData } from './payloads.ts';

/**
 * Puts an event in the outbox inside the caller's transaction (`tx`): it is stored and
 * its delivery job added only if that transaction commits, and only when a hook listens
 * (the profile's own or the primary's). The same SQL function serves database triggers
 * (post outcomes, src/db/migrations/008_webhooks.sql), so an `account_events` table can
 * emit `social` from its own trigger: `herald_webhook_emit(profile_id, 'social', NULL,
 * NULL, <SocialEventData as jsonb>)`. Returns the event id, or undefined when nobody listens.
 */
export async function emitEvent(
  tx: Queryable,
  event: {
    profileId: string;
    action: WebhookActionName;
    subAction?: string;
    postId?: string;
    data: Record<string, unknown>;
  },
): Promise<string | undefined> {
  const { rows } = await tx.query<{ id: string | null }>(
    'SELECT herald_webhook_emit($1, $2, $3, $4, $5) AS id',
    [
      event.profileId,
      event.action,
      event.subAction ?? null,
      event.postId ?? null,
      JSON.stringify(event.data),
    ],
  );
  return rows[0]?.id ?? undefined;
}

/** A network linked or unlinked (or a refresh that failed): Ayrshare's `social` action. */
export async function emitSocial(
  tx: Queryable,
  profile: Profile,
  change: Omit<SocialEventData, 'refId' | 'at'>,
): Promise<string | undefined> {
  const data: SocialEventData = { ...change, refId: profile.refId, at: new Date().toISOString() };
  return emitEvent(tx, { profileId: profile.id, action: 'social', data: { ...data } });
}

/**
 * Reads the targets an immediate post answers with, and when some are still in flight
 * flags the post so its settlement is reported by the `immediate` action. Under the
 * post's webhook lock, as the settle trigger is: either the trigger sees the flag, or
 * this sees the post settled (and answers with the outcome); never neither. "In flight"
 * is herald_webhook_resting's answer, the trigger's own rule.
 */
export async function answerTargets(pool: pg.Pool, postId: string): Promise<TargetRecord[]> {
  return inTransaction(pool, async (tx) => {
    await tx.query('SELECT herald_webhook_post_lock($1)', [postId]);
    const targets = await listTargets(tx, [postId]);
    await tx.query(
      `INSERT INTO webhook_post_flags (post_id, answered_pending)
       SELECT $1, true WHERE EXISTS (SELECT 1 FROM targets WHERE post_id = $1 AND NOT herald_webhook_resting(state))
       ON CONFLICT (post_id) DO UPDATE SET answered_pending = true`,
      [postId],
    );
    return targets;
  });
}
