import type { SandboxLedger, SandboxPost } from '../connectors/types.ts';
import type { Queryable } from './pool.ts';

/**
 * The sandbox's memory (migration 006), one row per target. Each write is one statement,
 * so a process killed right after it leaves the simulated network's state exactly as a
 * real network's would be: the post exists, whatever Herald managed to record.
 */
export function sandboxLedger(db: Queryable): SandboxLedger {
  return {
    async create(targetId, post) {
      // A second create of the same target is a duplicate send: counted, the first post kept.
      await db.query(
        `INSERT INTO sandbox_ledger (target_id, network_post_id, post_url, created_at, creates)
         VALUES ($1, $2, $3, now(), 1)
         ON CONFLICT (target_id) DO UPDATE SET
           network_post_id = coalesce(sandbox_ledger.network_post_id, EXCLUDED.network_post_id),
           post_url = coalesce(sandbox_ledger.post_url, EXCLUDED.post_url),
           created_at = coalesce(sandbox_ledger.created_at, EXCLUDED.created_at),
           creates = sandbox_ledger.creates + 1`,
        [targetId, post.id, post.postUrl],
      );
    },
    async refuseOnce(targetId) {
      const { rowCount } = await db.query(
        `INSERT INTO sandbox_ledger (target_id, refused_once) VALUES ($1, true)
         ON CONFLICT (target_id) DO UPDATE SET refused_once = true WHERE NOT sandbox_ledger.refused_once`,
        [targetId],
      );
      return (rowCount ?? 0) > 0;
    },
    async find(targetId) {
      const { rows } = await db.query<{
        network_post_id: string | null;
        post_url: string | null;
        creates: number;
      }>('SELECT network_post_id, post_url, creates FROM sandbox_ledger WHERE target_id = $1', [targetId]);
      const row = rows[0];
      if (!row?.network_post_id || !row.post_url) return undefined;
      const post: SandboxPost = { id: row.network_post_id, postUrl: row.post_url, creates: row.creates };
      return post;
    },
  };
}
