import { randomUUID } from 'node:crypto';
import type { SandboxLedger, SandboxPost } from '../connectors/types.ts';
import type { Queryable } from './pool.ts';
import { retryTransient } from './transient.ts';

/** How long a simulated network call waits out a database outage before it fails. */
const CALL_RETRY_MS = 20_000;

/**
 * The sandbox's memory (migration 006), one row per target. Each write is one statement,
 * so a process killed right after it leaves the simulated network's state exactly as a
 * real network's would be: the post exists, whatever Herald managed to record.
 */
export function sandboxLedger(db: Queryable): SandboxLedger {
  return {
    async create(targetId, post) {
      // A second create of the same target is a duplicate send: counted, the first post kept.
      // The same call retried through an outage (its id unchanged) is not a second create.
      const call = randomUUID();
      await retryTransient(
        () =>
          db.query(
            `INSERT INTO sandbox_ledger (target_id, network_post_id, post_url, created_at, creates, last_call)
             VALUES ($1, $2, $3, now(), 1, $4)
             ON CONFLICT (target_id) DO UPDATE SET
               network_post_id = coalesce(sandbox_ledger.network_post_id, EXCLUDED.network_post_id),
               post_url = coalesce(sandbox_ledger.post_url, EXCLUDED.post_url),
               created_at = coalesce(sandbox_ledger.created_at, EXCLUDED.created_at),
               creates = sandbox_ledger.creates
                 + CASE WHEN sandbox_ledger.last_call IS NOT DISTINCT FROM EXCLUDED.last_call THEN 0 ELSE 1 END,
               last_call = EXCLUDED.last_call`,
            [targetId, post.id, post.postUrl, call],
          ),
        Date.now() + CALL_RETRY_MS,
      );
    },
    async refuseOnce(targetId) {
      const call = randomUUID();
      const { rowCount } = await retryTransient(
        () =>
          db.query(
            `INSERT INTO sandbox_ledger (target_id, refused_once, refused_call) VALUES ($1, true, $2)
             ON CONFLICT (target_id) DO UPDATE SET refused_once = true, refused_call = EXCLUDED.refused_call
             WHERE NOT sandbox_ledger.refused_once OR sandbox_ledger.refused_call = EXCLUDED.refused_call`,
            [targetId, call],
          ),
        Date.now() + CALL_RETRY_MS,
      );
      return (rowCount ?? 0) > 0;
    },
    async find(targetId) {
      const { rows } = await retryTransient(
        () =>
          db.query<{
            network_post_id: string | null;
            post_url: string | null;
            creates: number;
          }>('SELECT network_post_id, post_url, creates FROM sandbox_ledger WHERE target_id = $1', [
            targetId,
          ]),
        Date.now() + CALL_RETRY_MS,
      );
      const row = rows[0];
      if (!row?.network_post_id || !row.post_url) return undefined;
      const post: SandboxPost = { id: row.network_post_id, postUrl: row.post_url, creates: row.creates };
      return post;
    },
  };
}
