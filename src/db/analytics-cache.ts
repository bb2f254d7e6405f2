import type { Queryable } from './pool.ts';

/** One cached answer of a network about one object of one account. */
export interface CachedAnswer {
  ok: boolean;
  body: Record<string, unknown>;
  failures: number;
  lastUpdated: Date;
  nextUpdate: Date;
}

interface Row {
  ok: boolean;
  body: Record<string, unknown>;
  failures: number;
  last_updated: Date;
  next_update: Date;
  linked_at: Date;
}

export interface CacheKey {
  profileId: string;
  accountId: string;
  /** The account's link time: a row written under another link is ignored (a relink clears the cache). */
  linkedAt: Date;
  objectKey: string;
}

/**
 * The stored answer for this object, fresh or not (the caller compares `nextUpdate` with
 * now, and reads `failures` to back off). Filtered by profile too: a profile never reads
 * another's rows, whatever key it names.
 */
export async function readCached(db: Queryable, key: CacheKey): Promise<CachedAnswer | undefined> {
  const { rows } = await db.query<Row>(
    `SELECT ok, body, failures, last_updated, next_update, linked_at FROM analytics_cache
     WHERE profile_id = $1 AND account_id = $2 AND object_key = $3`,
    [key.profileId, key.accountId, key.objectKey],
  );
  const row = rows[0];
  if (!row || row.linked_at.getTime() !== key.linkedAt.getTime()) return undefined;
  return {
    ok: row.ok,
    body: row.body,
    failures: row.failures,
    lastUpdated: row.last_updated,
    nextUpdate: row.next_update,
  };
}

/** Stores the latest answer; rows of this account that expired a day ago go at the same time. */
export async function writeCached(db: Queryable, key: CacheKey, answer: CachedAnswer): Promise<void> {
  await db.query(
    `INSERT INTO analytics_cache (profile_id, account_id, object_key, linked_at, ok, body, failures, last_updated, next_update)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (account_id, object_key) DO UPDATE SET profile_id = EXCLUDED.profile_id,
       linked_at = EXCLUDED.linked_at, ok = EXCLUDED.ok, body = EXCLUDED.body, failures = EXCLUDED.failures,
       last_updated = EXCLUDED.last_updated, next_update = EXCLUDED.next_update`,
    [
      key.profileId,
      key.accountId,
      key.objectKey,
      key.linkedAt,
      answer.ok,
      answer.body,
      answer.failures,
      answer.lastUpdated,
      answer.nextUpdate,
    ],
  );
  await db.query(
    `DELETE FROM analytics_cache WHERE account_id = $1 AND next_update < now() - interval '1 day'`,
    [key.accountId],
  );
}
