import { notLive } from '../app/comments/comment-places.ts';
import { reconcileComment } from '../app/comments/reconcile-comment.ts';
import { sendComment } from '../app/comments/send-comment.ts';
import type { AppContext } from '../app/context.ts';
import { newPostId } from '../app/post-ids.ts';
import { openSecrets, secretsFor } from '../app/request-secrets.ts';
import { newTargetId } from '../app/target-ids.ts';
import { DECLARATIONS } from '../connectors/declarations.ts';
import { findAccountById } from '../db/accounts.ts';
import { claimComment, findFirstComment, markCommentSettled } from '../db/comments.ts';
import { inTransaction, type Queryable } from '../db/pool.ts';
import { findPostById, type PostRecord, type TargetRecord } from '../db/posts.ts';
import { addTargetWarning, findTarget } from '../db/targets.ts';
import type { ErrorSpec } from '../errors/build.ts';
import type { Platform } from '../platforms.ts';
import { givenUpError } from './given-up-error.ts';
import { addFirstCommentJob } from './queue.ts';

/**
 * The first_comment job: a post's `firstComment`, posted once its target is live, at
 * most once ever. The claim is the comment's row (one per target, a unique index),
 * written `sending` before any call; the network's answer replaces it. A second job, or
 * a repeat of this one, finds the row: it does nothing, unless the row is still
 * `sending` past its lease (the sender died between the call and the record), which is
 * reconciled, never sent again on a guess.
 */

export interface FirstComment {
  comment: string;
  mediaUrls: string[];
}

/** The firstComment the post asked for on this network (stored with the network's options). */
export function firstCommentOf(post: PostRecord, platform: Platform): FirstComment | undefined {
  const options = post.options[platform];
  if (typeof options !== 'object' || options === null) return undefined;
  const first = (options as { firstComment?: unknown }).firstComment;
  if (typeof first !== 'object' || first === null) return undefined;
  const { comment, mediaUrls } = first as { comment?: unknown; mediaUrls?: unknown };
  if (typeof comment !== 'string' || comment.trim() === '') return undefined;
  const urls = Array.isArray(mediaUrls) ? mediaUrls.filter((u): u is string => typeof u === 'string') : [];
  return { comment, mediaUrls: urls };
}

/** Queues the first comment of a target that just went live, in the caller's transaction. */
export async function queueFirstComment(
  db: Queryable,
  target: Pick<TargetRecord, 'id' | 'postId' | 'platform'>,
  /** The publish job's sealed request secrets (X BYO keys), carried to the comment's job only. */
  sealedSecrets?: string,
): Promise<void> {
  const post = await findPostById(db, target.postId);
  if (post && firstCommentOf(post, target.platform)) await addFirstCommentJob(db, target.id, sealedSecrets);
}

function warningOf(error: ErrorSpec): ErrorSpec {
  return { ...error, feature: 'firstComment' };
}

export async function firstComment(app: AppContext, targetId: string, sealedSecrets?: string): Promise<void> {
  const target = await findTarget(app.pool, targetId);
  if (!target || (target.state !== 'published' && target.state !== 'failed')) return;
  const post = await findPostById(app.pool, target.postId);
  const first = post ? firstCommentOf(post, target.platform) : undefined;
  if (!post || !first) return;
  const requestSecrets = secretsFor(DECLARATIONS[target.platform], openSecrets(app.secretKey, sealedSecrets));
  const existing = await findFirstComment(app.pool, target.id);
  if (existing) {
    // Its sender died mid-call: ask the network, never send again on a guess.
    if (existing.state === 'sending' && existing.leaseUntil && existing.leaseUntil.getTime() <= Date.now())
      await recordOutcome(
        app,
        target,
        await reconcileComment(
          app,
          existing,
          'the sender stopped before recording the answer',
          requestSecrets,
        ),
      );
    return;
  }
  const account = target.accountId ? await findAccountById(app.pool, target.accountId) : undefined;
  if (!account) return;
  // Seed 288: a TikTok post that failed never gets its first comment (nothing is called).
  const refused = notLive(target.platform, target.state, target.networkPostId, 'comment');
  if (refused) {
    await recordNotPosted(app, post, target, account.id, first, refused);
    return;
  }
  const sent = await sendComment(app, {
    commentId: newPostId(),
    profileId: post.profileId,
    account,
    kind: 'first',
    text: first.comment,
    mediaUrls: first.mediaUrls,
    networkPostId: target.networkPostId as string,
    postId: post.id,
    targetId: target.id,
    postText: post.text,
    requestSecrets,
  });
  await recordOutcome(app, target, sent);
}

/**
 * The first comment's job failed on its last attempt with an error of Herald's own (a
 * dropped database is re-added instead, again-soon.ts). A comment never claimed is recorded
 * as failed with 679 (variant firstComment), claimed the way every first comment is (once
 * ever, so a late job finds it and does nothing), and shown on the post as a warning of its
 * network. A comment already claimed is left as it is: settled, or `sending` for the comment
 * sweep to reconcile. True when the give-up was recorded.
 */
export async function giveUpFirstComment(
  app: AppContext,
  targetId: string,
  job: { id: string; attempts: number },
): Promise<boolean> {
  const target = await findTarget(app.pool, targetId);
  // A comment already claimed (settled, or `sending` for the comment sweep) makes the claim below refuse.
  if (!target?.accountId) return false;
  const post = await findPostById(app.pool, target.postId);
  const first = post ? firstCommentOf(post, target.platform) : undefined;
  if (!post || !first) return false;
  const error = givenUpError(target.platform, job, 'firstComment');
  if (!(await recordNotPosted(app, post, target, target.accountId, first, error))) return false;
  app.log.error(
    { targetId, jobId: job.id, attempts: job.attempts },
    'gave up posting a first comment: its job ran out of attempts (679)',
  );
  return true;
}

/**
 * A first comment that will not be sent, recorded once ever: its row claimed (no lease: nothing
 * is called), settled `failed` with `error`, and the error shown as a warning of the target's
 * network. False when a comment was already claimed for the target (a job got there first).
 */
async function recordNotPosted(
  app: AppContext,
  post: PostRecord,
  target: TargetRecord,
  accountId: string,
  first: FirstComment,
  error: ErrorSpec,
): Promise<boolean> {
  const claimed = await claimComment(app.pool, {
    id: newTargetId(),
    commentId: newPostId(),
    profileId: post.profileId,
    postId: post.id,
    targetId: target.id,
    accountId,
    platform: target.platform,
    kind: 'first',
    networkPostId: target.networkPostId ?? target.state,
    networkParentId: null,
    text: first.comment,
    mediaUrls: first.mediaUrls,
    leaseMs: 0,
  });
  if (!claimed) return false;
  // The settle and the warning commit together: a comment recorded failed always shows on its post.
  return inTransaction(app.pool, async (tx) => {
    if (!(await markCommentSettled(tx, claimed.id, 'failed', error))) return false;
    await addTargetWarning(tx, target.id, warningOf(error));
    return true;
  });
}

async function recordOutcome(
  app: AppContext,
  target: TargetRecord,
  sent: Awaited<ReturnType<typeof sendComment>>,
): Promise<void> {
  // A first comment that did not go out is shown on the post, as a warning of its network.
  if (sent.kind === 'failed' && sent.error.code !== 604)
    await addTargetWarning(app.pool, target.id, warningOf({ ...sent.error, platform: target.platform }));
}
