import { connectorContext, connectorFor, linkedAccount } from '../app/connectors.ts';
import type { AppContext } from '../app/context.ts';
import type { CommentOutcome } from '../connectors/types.ts';
import { findAccountById } from '../db/accounts.ts';
import { findPostById, type PostRecord, type TargetRecord } from '../db/posts.ts';
import { claimFirstComment, findTarget, recordFirstComment } from '../db/targets.ts';
import type { ErrorSpec } from '../errors/build.ts';
import type { Platform } from '../platforms.ts';

/**
 * The first_comment job: a post's `firstComment`, posted once its target is live.
 * It runs at most once per target: the claim marks the comment `sending` in the
 * target's progress before any call, and the outcome (the comment id, or why not)
 * replaces the mark. A second job, or a repeat of this one, finds it taken and stops.
 * Only a publish writes progress, and never once its target is published; an explicit
 * retry of a failed target starts its progress over, so its first comment runs after it.
 */

/** The firstComment the post asked for on this network (stored with the network's options). */
export function firstCommentOf(post: PostRecord, platform: Platform): string | undefined {
  const options = post.options[platform];
  if (typeof options !== 'object' || options === null) return undefined;
  const first = (options as { firstComment?: unknown }).firstComment;
  const comment =
    typeof first === 'object' && first !== null ? (first as { comment?: unknown }).comment : undefined;
  return typeof comment === 'string' && comment.trim() !== '' ? comment : undefined;
}

/** The network's post id to comment on: `failed` for a post that will never be live. */
function postIdOf(target: TargetRecord): string {
  if (target.state === 'failed') return 'failed';
  return target.networkPostId ?? 'pending';
}

function warningOf(error: ErrorSpec): ErrorSpec {
  return { ...error, feature: 'firstComment' };
}

export async function firstComment(app: AppContext, targetId: string): Promise<void> {
  const target = await findTarget(app.pool, targetId);
  if (!target || (target.state !== 'published' && target.state !== 'failed')) return;
  const post = await findPostById(app.pool, target.postId);
  const text = post ? firstCommentOf(post, target.platform) : undefined;
  if (!text) return;
  const claimed = await claimFirstComment(app.pool, target.id);
  if (!claimed) return;
  const account = claimed.accountId ? await findAccountById(app.pool, claimed.accountId) : undefined;
  const connector = account ? connectorFor(claimed.platform, account.sandbox) : undefined;
  if (!account || !connector?.comment) {
    await recordFirstComment(app.pool, claimed.id, {
      state: 'skipped',
      reason: 'no account or no comments for it',
    });
    return;
  }
  let outcome: CommentOutcome;
  try {
    outcome = await connector.comment(
      { postId: postIdOf(claimed), text, account: linkedAccount(app, account) },
      connectorContext(app, claimed.platform, account.id),
    );
  } catch (err) {
    // The comment may or may not exist now: it is never sent again on a guess.
    app.log.error({ err, targetId }, 'first comment: the connector threw');
    await recordFirstComment(app.pool, claimed.id, { state: 'unknown', reason: (err as Error).message });
    return;
  }
  if (outcome.kind === 'commented') {
    await recordFirstComment(app.pool, claimed.id, {
      state: 'posted',
      id: outcome.id,
      at: new Date().toISOString(),
    });
    return;
  }
  const error = { ...outcome.error, platform: claimed.platform };
  await recordFirstComment(app.pool, claimed.id, { state: 'failed', error }, warningOf(error));
}
