import { DECLARATIONS } from '../../connectors/declarations.ts';
import type { CommentWrite, CommentWriteOutcome, Connector } from '../../connectors/types.ts';
import type { AccountRecord } from '../../db/accounts.ts';
import { recordCommentFacts } from '../../db/comment-events.ts';
import {
  type CommentKind,
  type CommentRecord,
  claimComment,
  markCommentPosted,
  markCommentSettled,
} from '../../db/comments.ts';
import { inTransaction } from '../../db/pool.ts';
import type { ErrorSpec } from '../../errors/build.ts';
import { mediaItems } from '../../posts/media-kind.ts';
import { connectorContext, connectorFor, linkedAccount } from '../connectors.ts';
import type { AppContext } from '../context.ts';
import { newTargetId } from '../target-ids.ts';
import { reconcileComment } from './reconcile-comment.ts';

/** Seconds a comment call may take before its sender is taken for dead (as a publish). */
const LEASE_MARGIN_MS = 30_000;

export interface CommentOrder {
  /** Herald's commentId of the request (shared by its networks). */
  commentId: string;
  profileId: string;
  account: AccountRecord;
  kind: CommentKind;
  text: string;
  mediaUrls: readonly string[];
  networkPostId: string;
  networkParentId?: string;
  postId?: string;
  targetId?: string;
  postText?: string;
  requestSecrets?: Readonly<Record<string, string>>;
}

/** What one network did with one comment: the stored row after the call. */
export type SentComment =
  | { kind: 'posted'; row: CommentRecord; networkCommentId: string; extra: Record<string, unknown> | null }
  | { kind: 'failed'; row: CommentRecord | undefined; error: ErrorSpec };

export function writeOf(order: CommentOrder, key: string, app: AppContext): CommentWrite {
  return {
    key,
    text: order.text,
    media: mediaItems([...order.mediaUrls], false),
    account: linkedAccount(app, order.account),
    postId: order.networkPostId,
    ...(order.networkParentId ? { parentId: order.networkParentId } : {}),
    ...(order.postText !== undefined ? { postText: order.postText } : {}),
    ...(order.requestSecrets ? { requestSecrets: order.requestSecrets } : {}),
  };
}

export function commentsOf(platform: CommentRecord['platform'], sandbox: boolean): Connector['comments'] {
  return connectorFor(platform, sandbox)?.comments;
}

/**
 * Sends one comment to one network, never twice: the row is claimed (`sending`, leased)
 * before the call, and the network's answer is recorded with the state that follows it.
 * A lost answer is reconciled (the network looks the comment up by Herald's key, or
 * Herald looks for its own comment among the post's) and is otherwise `unconfirmed` (687).
 */
export async function sendComment(app: AppContext, order: CommentOrder): Promise<SentComment> {
  const { account } = order;
  const comments = commentsOf(account.platform, account.sandbox);
  const platformName = DECLARATIONS[account.platform].name;
  if (!comments) {
    return {
      kind: 'failed',
      row: undefined,
      error: { code: 685, variant: 'notYet', platform: account.platform, params: { platformName } },
    };
  }
  const claimed = await claimComment(app.pool, {
    id: newTargetId(),
    commentId: order.commentId,
    profileId: order.profileId,
    postId: order.postId ?? null,
    targetId: order.targetId ?? null,
    accountId: account.id,
    platform: account.platform,
    kind: order.kind,
    networkPostId: order.networkPostId,
    networkParentId: order.networkParentId ?? null,
    text: order.text,
    mediaUrls: order.mediaUrls,
    leaseMs: app.config.publishTimeoutMs + LEASE_MARGIN_MS,
  });
  if (!claimed) {
    // Only a first comment can collide (one per target): another job holds it.
    return {
      kind: 'failed',
      row: undefined,
      error: { code: 604, params: { problem: 'this comment was already sent' } },
    };
  }
  const outcome = await callNetwork(app, order, claimed, comments);
  return settle(app, claimed, outcome, order.requestSecrets);
}

async function callNetwork(
  app: AppContext,
  order: CommentOrder,
  row: CommentRecord,
  comments: NonNullable<Connector['comments']>,
): Promise<CommentWriteOutcome> {
  const write = writeOf(order, row.id, app);
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), app.config.publishTimeoutMs);
  const ctx = connectorContext(app, row.platform, order.account.id, abort.signal);
  try {
    const timeout = new Promise<CommentWriteOutcome>((resolve) => {
      abort.signal.addEventListener('abort', () =>
        resolve({ kind: 'unknown', reason: `no answer within ${app.config.publishTimeoutMs} ms` }),
      );
    });
    const call =
      write.parentId !== undefined
        ? comments.reply({ ...write, parentId: write.parentId }, ctx)
        : comments.comment(write, ctx);
    return await Promise.race([call, timeout]);
  } catch (err) {
    // A connector that throws did not say whether the network took the comment.
    app.log.error({ err, commentRowId: row.id, platform: row.platform }, 'connector threw during comment');
    return { kind: 'unknown', reason: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/** Records the network's answer; an unknown one is reconciled at once. */
export async function settle(
  app: AppContext,
  row: CommentRecord,
  outcome: CommentWriteOutcome,
  requestSecrets?: Readonly<Record<string, string>>,
): Promise<SentComment> {
  if (outcome.kind === 'commented') {
    const extra = outcome.extra ?? null;
    await inTransaction(app.pool, async (tx) => {
      if (await markCommentPosted(tx, row.id, outcome.id, extra))
        await recordCommentFacts(tx, [sentFact(row, outcome.id, extra)]);
    });
    return { kind: 'posted', row, networkCommentId: outcome.id, extra };
  }
  if (outcome.kind === 'failed') {
    const error = { ...outcome.error, platform: row.platform };
    await markCommentSettled(app.pool, row.id, 'failed', error);
    return { kind: 'failed', row, error };
  }
  return reconcileComment(app, row, outcome.reason, requestSecrets);
}

export function sentFact(
  row: CommentRecord,
  networkCommentId: string,
  extra: Record<string, unknown> | null,
) {
  return {
    profileId: row.profileId,
    platform: row.platform,
    direction: 'sent' as const,
    postId: row.postId,
    networkPostId: row.networkPostId,
    networkCommentId,
    payload: {
      action: row.kind === 'reply' ? 'reply' : 'comment',
      platform: row.platform,
      ...(row.postId ? { id: row.postId } : {}),
      commentId: row.commentId,
      platformCommentId: networkCommentId,
      platformPostId: row.networkPostId,
      comment: row.text,
      firstComment: row.kind === 'first',
      created: new Date().toISOString(),
      ...(extra ?? {}),
    },
  };
}
