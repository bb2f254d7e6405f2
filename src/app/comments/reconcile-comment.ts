import { DECLARATIONS } from '../../connectors/declarations.ts';
import type { CommentView, CommentWriteOutcome } from '../../connectors/types.ts';
import { type AccountRecord, findAccountById } from '../../db/accounts.ts';
import { type CommentRecord, markCommentSettled } from '../../db/comments.ts';
import type { ErrorSpec } from '../../errors/build.ts';
import { connectorContext } from '../connectors.ts';
import type { AppContext } from '../context.ts';
import { commentsOf, type SentComment, settle, writeOf } from './send-comment.ts';

/** A comment made before the claim (minus clock skew) cannot be the one Herald sent. */
const CLOCK_SKEW_MS = 120_000;

function isOwn(view: CommentView, row: CommentRecord, account: AccountRecord): boolean {
  const author = view.from.id === account.externalId || view.from.username === account.username;
  const created = Date.parse(view.created);
  const recent = Number.isNaN(created) || created >= row.createdAt.getTime() - CLOCK_SKEW_MS;
  return author && recent && view.comment.trim() === row.text.trim();
}

function flatten(views: readonly CommentView[]): CommentView[] {
  return views.flatMap((v) => [v, ...flatten(v.replies ?? [])]);
}

/**
 * A comment whose answer was lost (or whose sender died mid-call). Where the network
 * can find a write by the key Herald chose, it is asked (and, certainly absent, sent
 * again under the same key); elsewhere Herald looks for its own comment on the post
 * (its account, its text, made after the claim). Anything short of finding it leaves the
 * comment `unconfirmed` (687): it is never sent again on a guess.
 */
export async function reconcileComment(
  app: AppContext,
  row: CommentRecord,
  reason: string,
  /** The request's secret headers (X's BYO keys) when a request is still there to give them; never stored. */
  requestSecrets?: Readonly<Record<string, string>>,
): Promise<SentComment> {
  const account = row.accountId ? await findAccountById(app.pool, row.accountId) : undefined;
  const comments = account ? commentsOf(row.platform, account.sandbox) : undefined;
  let why = reason;
  if (account && comments) {
    const write = writeOf(
      {
        commentId: row.commentId,
        profileId: row.profileId,
        account,
        kind: row.kind,
        text: row.text,
        mediaUrls: row.mediaUrls,
        networkPostId: row.networkPostId,
        ...(row.networkParentId ? { networkParentId: row.networkParentId } : {}),
        ...(requestSecrets ? { requestSecrets } : {}),
      },
      row.id,
      app,
    );
    const ctx = connectorContext(app, row.platform, account.id);
    try {
      if (comments.reconcile) {
        const found = await comments.reconcile(write, ctx);
        if (found.kind === 'commented') return settle(app, row, found);
        if (found.kind === 'not-found') {
          // Certainly absent: the same key again cannot make a second comment.
          const again: CommentWriteOutcome =
            write.parentId !== undefined
              ? await comments.reply({ ...write, parentId: write.parentId }, ctx)
              : await comments.comment(write, ctx);
          if (again.kind !== 'unknown') return settle(app, row, again);
          why = again.reason;
        } else why = found.kind === 'unknown' ? found.reason : `lookup refused: ${found.error.code}`;
      } else {
        const listed = await comments.list(
          {
            id: row.networkParentId ?? row.networkPostId,
            of: row.networkParentId ? 'comment' : 'post',
            ...(row.networkParentId ? { postId: row.networkPostId } : {}),
            account: write.account,
            ...(requestSecrets ? { requestSecrets } : {}),
          },
          ctx,
        );
        if (listed.kind === 'listed') {
          const own = flatten(listed.comments).find((view) => isOwn(view, row, account));
          if (own)
            return settle(app, row, {
              kind: 'commented',
              id: own.commentId,
              ...(own.extra ? { extra: own.extra } : {}),
            });
          why = `${reason}; not among the post's ${listed.comments.length} comments yet`;
        } else why = `${reason}; the comments could not be read (${listed.error.code})`;
      }
    } catch (err) {
      why = `${reason}; reconciliation failed: ${(err as Error).message}`;
    }
  }
  const error: ErrorSpec = {
    code: 687,
    platform: row.platform,
    params: { platformName: DECLARATIONS[row.platform].name },
    details: why,
  };
  await markCommentSettled(app.pool, row.id, 'unconfirmed', error);
  return { kind: 'failed', row, error };
}
