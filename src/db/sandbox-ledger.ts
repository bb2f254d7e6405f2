import { randomUUID } from 'node:crypto';
import type { SandboxLedger, SandboxPost } from '../connectors/types.ts';
import type { Batcher } from './batcher.ts';
import type { Queryable } from './pool.ts';
import { retryTransient } from './transient.ts';

/** How long a simulated network call waits out a database outage before it fails. */
const CALL_RETRY_MS = 20_000;

/**
 * The sandbox's memory (migration 006), one row per target. Each write is one statement,
 * so a process killed right after it leaves the simulated network's state exactly as a
 * real network's would be: the post exists, whatever Herald managed to record. Creates go
 * through `creates` (recordSandboxCreates, batched in src/jobs/worker-batches.ts): those that
 * arrive together share one statement, all of them exist after it, none before, and each
 * caller goes on only once it has committed.
 */
export function sandboxLedger(db: Queryable, creates: Batcher<SandboxCreate, void>): SandboxLedger {
  return {
    async create(targetId, post) {
      // A second create of the same target is a duplicate send: counted, the first post kept.
      // The same call retried through an outage (its id unchanged) is not a second create.
      const create = { targetId, id: post.id, postUrl: post.postUrl, call: randomUUID() };
      await retryTransient(() => creates.submit(create), Date.now() + CALL_RETRY_MS);
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

/** One create of the simulated network: the target's post, and the id of the call that made it. */
export interface SandboxCreate {
  targetId: string;
  id: string;
  postUrl: string;
  call: string;
}

/**
 * The simulated network's creates in one statement. A target named twice in it (two sends of
 * one target at the same moment) makes the statement fail as a whole, so that each is written
 * again alone and both are counted (the batcher runs them one by one).
 */
export async function recordSandboxCreates(db: Queryable, creates: readonly SandboxCreate[]): Promise<void> {
  await db.query({
    name: 'herald_sandbox_creates',
    text: `INSERT INTO sandbox_ledger (target_id, network_post_id, post_url, created_at, creates, last_call)
     SELECT t, n, u, now(), 1, c FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[]) AS v(t, n, u, c)
     ON CONFLICT (target_id) DO UPDATE SET
       network_post_id = coalesce(sandbox_ledger.network_post_id, EXCLUDED.network_post_id),
       post_url = coalesce(sandbox_ledger.post_url, EXCLUDED.post_url),
       created_at = coalesce(sandbox_ledger.created_at, EXCLUDED.created_at),
       creates = sandbox_ledger.creates
         + CASE WHEN sandbox_ledger.last_call IS NOT DISTINCT FROM EXCLUDED.last_call THEN 0 ELSE 1 END,
       last_call = EXCLUDED.last_call`,
    values: [
      creates.map((c) => c.targetId),
      creates.map((c) => c.id),
      creates.map((c) => c.postUrl),
      creates.map((c) => c.call),
    ],
  });
}
