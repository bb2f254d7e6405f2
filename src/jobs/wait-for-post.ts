import type { AppContext } from '../app/context.ts';
import { inTransaction } from '../db/pool.ts';
import { readinessOf } from '../db/post-edits.ts';
import type { TargetRecord } from '../db/posts.ts';
import { holdOf } from '../posts/rollup.ts';
import { addPublishJob, PARKED } from './queue.ts';

/**
 * A job found its target still `queued` but could not claim it: the post is held
 * (paused, awaiting approval), not due yet (moved later while this job was already
 * running), or the target waits for a retry time. The job hands itself on, with its
 * own payload (the sealed request secrets), to when the target may go: parked while
 * held, else at the later of the post's due time and the target's retry time. Decided
 * under the post's row lock, so an edit that releases or moves the post either comes
 * first (and is seen) or comes after (and moves this job itself).
 */
export async function waitForPost(
  app: AppContext,
  target: TargetRecord,
  sealedSecrets?: string,
): Promise<void> {
  await inTransaction(app.pool, async (tx) => {
    const post = await readinessOf(tx, target.postId);
    if (!post) return;
    if (holdOf(post)) {
      await addPublishJob(tx, target.id, PARKED, sealedSecrets);
      return;
    }
    const due = target.attempts === 0 ? post.dueAt.getTime() : 0;
    const runAt = Math.max(due, target.nextAttemptAt?.getTime() ?? 0);
    // Claimable now yet refused: another job took it or the target moved on; nothing to hand on.
    if (runAt <= Date.now()) return;
    await addPublishJob(tx, target.id, new Date(runAt), sealedSecrets);
  });
}
