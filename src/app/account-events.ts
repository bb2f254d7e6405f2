import { type AccountEvent, recordAccountEvent } from '../db/account-events.ts';
import type { Queryable } from '../db/pool.ts';
import type { ErrorSpec } from '../errors/build.ts';
import { messageOf } from '../errors/build.ts';
import { emitEvent } from '../webhooks/emit.ts';
import type { SocialEventData } from '../webhooks/payloads.ts';

/**
 * The one writer of account changes (link, unlink, a refresh that failed for good): the
 * durable record (account_events) and Ayrshare's `social` webhook event (the outbox),
 * both in the caller's transaction, so neither exists without the change itself.
 */
export async function recordAccountChange(
  tx: Queryable,
  change: Omit<AccountEvent, 'details'> & { error?: ErrorSpec },
): Promise<void> {
  const { error, ...event } = change;
  await recordAccountEvent(tx, {
    ...event,
    ...(error ? { details: { status: 'error' as const, code: error.code, message: messageOf(error) } } : {}),
  });
  const { rows } = await tx.query<{ ref_id: string }>('SELECT ref_id FROM profiles WHERE id = $1', [
    event.profileId,
  ]);
  const data: SocialEventData = {
    type: event.type,
    source: event.source,
    platform: event.platform,
    displayName: event.displayName,
    refId: rows[0]?.ref_id ?? '',
    at: new Date().toISOString(),
    ...(error ? { details: error } : {}),
  };
  await emitEvent(tx, { profileId: event.profileId, action: 'social', data: { ...data } });
}
