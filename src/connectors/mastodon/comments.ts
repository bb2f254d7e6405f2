import type {
  CommentsCapability,
  CommentView,
  CommentWrite,
  CommentWriteOutcome,
  ConnectorContext,
} from '../types.ts';
import { failedOutcome } from './errors.ts';
import { clientFor, idempotencyKey } from './publish.ts';
import { isObject } from './wire.ts';

/**
 * A Mastodon comment is a reply status: `POST /api/v1/statuses` with `in_reply_to_id`
 * (the post, or the reply answered) and an `Idempotency-Key` from Herald's key, so a
 * repeat within the hour returns the same status. Reads are the post's thread
 * (`GET /api/v1/statuses/:id/context`, its descendants nested by `in_reply_to_id`).
 */

/** Mastodon's content is HTML: the text without tags, as the author wrote it. */
function plain(html: unknown): string {
  if (typeof html !== 'string') return '';
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p>/gi, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function view(status: Record<string, unknown>, all: readonly Record<string, unknown>[]): CommentView {
  const account = isObject(status.account) ? status.account : {};
  const username = typeof account.acct === 'string' ? account.acct : String(account.username ?? '');
  const id = String(status.id);
  const replies = all.filter((s) => s.in_reply_to_id === id);
  return {
    commentId: id,
    comment: plain(status.content),
    created: typeof status.created_at === 'string' ? status.created_at : '',
    from: { id: String(account.id ?? ''), username },
    hidden: false,
    likeCount: typeof status.favourites_count === 'number' ? status.favourites_count : 0,
    postId: String(status.in_reply_to_id ?? ''),
    username,
    ...(replies.length > 0 ? { replies: replies.map((r) => view(r, all)) } : {}),
    ...(typeof status.url === 'string' ? { extra: { url: status.url } } : {}),
  };
}

async function write(input: CommentWrite, ctx: ConnectorContext): Promise<CommentWriteOutcome> {
  const prepared = clientFor(input.account.credentials, ctx);
  if ('kind' in prepared) return prepared;
  const posted = await prepared.client.postStatus(
    { status: input.text, in_reply_to_id: input.parentId ?? input.postId },
    idempotencyKey(input.key),
  );
  if (posted.ok)
    return {
      kind: 'commented',
      id: posted.value.id,
      ...(posted.value.url ? { extra: { url: posted.value.url } } : {}),
    };
  const { failure } = posted;
  if (failure.kind === 'network' && failure.mayHaveArrived)
    return { kind: 'unknown', reason: failure.reason };
  if (failure.kind === 'mastodon' && failure.status >= 500)
    return { kind: 'unknown', reason: `HTTP ${failure.status}: ${failure.message}` };
  return { kind: 'failed', error: failedOutcome(failure).error };
}

export const mastodonComments: CommentsCapability = {
  comment: write,
  reply: write,
  async list(input, ctx) {
    const prepared = clientFor(input.account.credentials, ctx);
    if ('kind' in prepared) return prepared;
    const thread = await prepared.client.context(input.id);
    if (!thread.ok) return { kind: 'failed', error: failedOutcome(thread.failure).error };
    const descendants = Array.isArray(thread.value.descendants)
      ? thread.value.descendants.filter(isObject)
      : [];
    const top = descendants.filter((s) => s.in_reply_to_id === input.id);
    return { kind: 'listed', comments: top.map((s) => view(s, descendants)) };
  },
  async delete(input, ctx) {
    const prepared = clientFor(input.account.credentials, ctx);
    if ('kind' in prepared) return prepared;
    const deleted = await prepared.client.deleteStatus(input.commentId);
    return deleted.ok ? { kind: 'deleted' } : { kind: 'failed', error: failedOutcome(deleted.failure).error };
  },
};
