import type { Platform } from '../platforms.ts';
import type { Queryable } from './pool.ts';

/**
 * The record of link, unlink and refresh-failure events (table account_events), written
 * in the same transaction as the change it records. Ayrshare's `social` webhook carries
 * exactly these fields: `type` (link | unlink | refresh), `source` (user: the account's
 * owner or the API caller did it; system: Herald did, e.g. a refresh that failed for
 * good), `displayName`, and `details` ({status, code, message} for a failure).
 */
export interface AccountEvent {
  profileId: string;
  platform: Platform;
  type: 'link' | 'unlink' | 'refresh';
  source: 'user' | 'system';
  displayName: string;
  details?: { status: 'error' | 'success'; code?: number; message: string };
}

export async function recordAccountEvent(db: Queryable, event: AccountEvent): Promise<number> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO account_events (profile_id, platform, type, source, display_name, details)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      event.profileId,
      event.platform,
      event.type,
      event.source,
      event.displayName,
      event.details ? JSON.stringify(event.details) : null,
    ],
  );
  return Number(rows[0]?.id);
}

export interface StoredAccountEvent extends AccountEvent {
  id: number;
  createdAt: Date;
}

export async function listAccountEvents(db: Queryable, profileId: string): Promise<StoredAccountEvent[]> {
  const { rows } = await db.query<{
    id: string;
    profile_id: string;
    platform: Platform;
    type: AccountEvent['type'];
    source: AccountEvent['source'];
    display_name: string;
    details: AccountEvent['details'] | null;
    created_at: Date;
  }>('SELECT * FROM account_events WHERE profile_id = $1 ORDER BY id', [profileId]);
  return rows.map((r) => ({
    id: Number(r.id),
    profileId: r.profile_id,
    platform: r.platform,
    type: r.type,
    source: r.source,
    displayName: r.display_name,
    ...(r.details ? { details: r.details } : {}),
    createdAt: r.created_at,
  }));
}
