import type pg from 'pg';
import { Batcher, ItemFailed } from '../db/batcher.ts';
import { insertLinks, type NewLink } from '../db/links.ts';
import { keepMediaUntil } from '../db/media.ts';
import { CommitOutcomeUnknown, inOrder, inTransaction, type Queryable } from '../db/pool.ts';
import {
  insertFailedTargets,
  insertPosts,
  insertTargets,
  type NewPost,
  type PostRecord,
  type TargetRecord,
  targetsByPost,
} from '../db/posts.ts';
import type { ErrorSpec } from '../errors/build.ts';
import { deferredUntil, enqueuePublishJobs, type PARKED } from '../jobs/queue.ts';
import type { Platform } from '../platforms.ts';

/** What one accepted post writes: the post, its short links, its targets and their jobs. */
export interface Accept {
  post: NewPost;
  /** The profile's library files the post uses, kept until then (none for most posts). */
  keepMedia: { fileNames: readonly string[]; until: Date };
  links: readonly NewLink[];
  targets: readonly {
    id: string;
    postId: string;
    platform: Platform;
    accountId: string;
    text: string | null;
    /** The request waits for it this long (an immediate post): its settle is to notify. */
    awaitedForMs?: number;
  }[];
  failedTargets: readonly {
    id: string;
    postId: string;
    platform: Platform;
    accountId: string;
    error: ErrorSpec;
  }[];
  jobs: readonly { targetId: string; runAt?: Date | typeof PARKED | undefined; sealedSecrets?: string }[];
}

/** An accept as committed: the post and its targets as the statements that wrote them returned them. */
export interface Accepted {
  post: PostRecord;
  /** Ordered by platform, as a read of the post's targets would be. */
  targets: TargetRecord[];
}

/** How accepts are grouped: a 2 ms window, up to 100 posts a batch, 4 batches at a time. */
export const ACCEPT_BATCHES = { windowMs: 2, maxBatch: 100, maxInFlight: 4 } as const;

/**
 * Group commit of POST /api/post: the accepts of concurrent requests are written in one
 * transaction, one multi-row statement per table (posts, links, targets, failed
 * targets, graphile-worker jobs), so a burst of N posts costs one commit and five
 * statements instead of N commits and 5N statements. Each request is answered only when
 * the transaction holding its rows has committed (durable: synchronous_commit as
 * configured), never before.
 *
 * A batch starts `windowMs` after its first request (a bounded wait, a few ms) or at
 * once when `maxBatch` are waiting; at most `maxInFlight` batches run at a time, and
 * requests arriving meanwhile form the next one. A batch that fails is rolled back and
 * its accepts written again one transaction each, so one bad post fails only its own
 * request; a batch whose COMMIT has an unknown outcome is not written again (each of its
 * requests gets CommitOutcomeUnknown, answered 648 by createPost).
 */
export class AcceptBatcher {
  private readonly batcher: Batcher<Accept, Accepted>;

  /**
   * `pool`: pipelined connections (createPipelinePool), as many as `options.maxInFlight`: a
   * batch's statements leave together, then its COMMIT.
   */
  constructor(pool: pg.Pool, options: typeof ACCEPT_BATCHES = ACCEPT_BATCHES) {
    this.batcher = new Batcher(
      async (accepts) => {
        const written = await writeAccepts(pool, accepts);
        return accepts.map((a) => {
          const accepted = written.get(a.post.id);
          return accepted ?? new ItemFailed(new Error(`accept batch: post ${a.post.id} not returned`));
        });
      },
      // A commit whose outcome is unknown may have stored every post of the batch: writing
      // them again could store them twice. Each request gets the error (648 upstream).
      { ...options, retryAlone: (err) => !(err instanceof CommitOutcomeUnknown) },
    );
  }

  /** Resolves with the stored post and targets once their rows are committed. */
  submit(accept: Accept): Promise<Accepted> {
    return this.batcher.submit(accept);
  }
}

/** One transaction for these accepts: the posts in one statement, then writeAcceptRows. */
async function writeAccepts(pool: pg.Pool, accepts: readonly Accept[]): Promise<Map<string, Accepted>> {
  return inTransaction(pool, async (tx) => {
    const [posts, targets] = await inOrder(tx, [
      () =>
        insertPosts(
          tx,
          accepts.map((a) => a.post),
        ),
      () => writeAcceptRows(tx, accepts),
    ]);
    const byPost = targetsByPost(targets);
    return new Map(posts.map((p) => [p.id, { post: p, targets: byPost.get(p.id) ?? [] }]));
  });
}

/** A post's targets among those written, ordered by platform. */
export function targetsOf(targets: readonly TargetRecord[], postId: string): TargetRecord[] {
  return targetsByPost(targets).get(postId) ?? [];
}

/**
 * Everything of these accepts but their posts (already inserted in `tx`): library files
 * kept, short links, targets, failed targets and jobs, one multi-row statement each. A
 * scheduled (or held) target's job waits on its own row, written with it, until the
 * scheduler makes it when due: a scheduled accept adds nothing to the engine's queue.
 */
export async function writeAcceptRows(tx: Queryable, accepts: readonly Accept[]): Promise<TargetRecord[]> {
  const now = Date.now();
  const jobs = accepts.flatMap((a) => a.jobs);
  const later = new Map(
    jobs.flatMap((j) => {
      const until = deferredUntil(j, now);
      return until === undefined
        ? []
        : [[j.targetId, { jobDueAt: until, jobSecrets: j.sealedSecrets }] as const];
    }),
  );
  // One after the other, or all at once on a pipelined connection (the accept batches').
  const [, , queued, failed] = await inOrder(tx, [
    () =>
      inOrder(
        tx,
        accepts.map(
          (a) => () => keepMediaUntil(tx, a.post.profileId, a.keepMedia.fileNames, a.keepMedia.until),
        ),
      ),
    () =>
      insertLinks(
        tx,
        accepts.flatMap((a) => a.links),
      ),
    () =>
      insertTargets(
        tx,
        accepts.flatMap((a) => a.targets.map((t) => ({ ...t, ...later.get(t.id) }))),
      ),
    () =>
      insertFailedTargets(
        tx,
        accepts.flatMap((a) => a.failedTargets),
      ),
    () =>
      enqueuePublishJobs(
        tx,
        jobs.filter((j) => !later.has(j.targetId)),
      ),
  ]);
  return [...queued, ...failed];
}
