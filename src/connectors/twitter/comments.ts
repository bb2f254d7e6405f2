import type { ErrorSpec } from '../../errors/build.ts';
import { readPages } from '../shared/comment-pages.ts';
import type {
  CommentRead,
  CommentsCapability,
  CommentView,
  CommentWrite,
  CommentWriteOutcome,
  ConnectorContext,
  LinkedAccount,
} from '../types.ts';
import { isKeys, oauthKeys } from './byo-keys.ts';
import { type FoundTweet, type TweetBody, XClient } from './client.ts';
import { classifyProblem, describe, unreachableSpec } from './errors.ts';
import { uploadMedia } from './media.ts';
import type { XFailure } from './wire.ts';

/**
 * A comment on X is a reply post: `POST /2/tweets` with `reply.in_reply_to_tweet_id` (the
 * post, or the reply answered), one image uploaded first, signed with the request's BYO
 * keys like every X call. X takes no idempotency key: a lost answer is settled by the
 * core looking for Herald's reply among the post's. Replies are read with recent search
 * (`conversation_id:<thread>`, the last 7 days only, billed per post returned; an app
 * whose access has no search is refused with 647), nested by `replied_to`.
 */

function clientOf(
  account: LinkedAccount,
  secrets: Readonly<Record<string, string>> | undefined,
  ctx: ConnectorContext,
): XClient | ErrorSpec {
  const keys = oauthKeys(secrets, account.credentials);
  return isKeys(keys) ? new XClient(ctx.baseUrl, ctx.apiVersion ?? '2', keys, ctx.fetch, ctx.signal) : keys;
}

function failed(failure: XFailure, call: 'other' | 'read'): ErrorSpec {
  return failure.kind === 'network' ? unreachableSpec(failure.reason) : classifyProblem(failure, call).spec;
}

async function write(input: CommentWrite, ctx: ConnectorContext): Promise<CommentWriteOutcome> {
  const client = clientOf(input.account, input.requestSecrets, ctx);
  if (!(client instanceof XClient)) return { kind: 'failed', error: client };
  const body: TweetBody = {
    text: input.text,
    reply: { in_reply_to_tweet_id: input.parentId ?? input.postId },
  };
  if (input.media.length > 0) {
    // Uploaded before the reply leaves: a failure here never creates a comment.
    const media = await uploadMedia({ media: input.media, options: {} }, client, ctx);
    if (media.kind === 'failed') return { kind: 'failed', error: media.error };
    body.media = { media_ids: media.ids };
  }
  const created = await client.createTweet(body);
  if (created.ok) return { kind: 'commented', id: created.value.id };
  const { failure } = created;
  if (failure.kind === 'network')
    return failure.mayHaveArrived
      ? { kind: 'unknown', reason: failure.reason }
      : { kind: 'failed', error: unreachableSpec(failure.reason) };
  // A 2xx without a readable id, or a 5xx: X may hold the reply all the same.
  if (failure.status < 300 || failure.status >= 500) return { kind: 'unknown', reason: describe(failure) };
  return { kind: 'failed', error: classifyProblem(failure, 'tweet').spec };
}

function view(tweet: FoundTweet, usernames: Map<string, string>, children: Map<string, FoundTweet[]>) {
  const username = usernames.get(tweet.authorId) ?? '';
  const replies = children.get(tweet.id) ?? [];
  const comment: CommentView = {
    commentId: tweet.id,
    comment: tweet.text,
    created: tweet.createdAt,
    from: { id: tweet.authorId, username },
    hidden: false,
    likeCount: tweet.likeCount,
    postId: tweet.repliedTo ?? tweet.conversationId,
    username,
  };
  if (replies.length > 0) comment.replies = replies.map((r) => view(r, usernames, children));
  return comment;
}

async function list(input: CommentRead, ctx: ConnectorContext) {
  const client = clientOf(input.account, input.requestSecrets, ctx);
  if (!(client instanceof XClient)) return { kind: 'failed' as const, error: client };
  // The thread of the post (or comment) read: a reply's conversation is its thread's first post.
  const looked = await client.lookupTweet(input.id);
  if (!looked.ok) return { kind: 'failed' as const, error: failed(looked.failure, 'read') };
  const usernames = new Map<string, string>();
  const pages = await readPages<FoundTweet, XFailure>(async (cursor) => {
    const page = await client.searchRecent(`conversation_id:${looked.value.conversationId}`, cursor);
    if (!page.ok) return page;
    for (const [id, name] of page.value.usernames) usernames.set(id, name);
    return { ok: true, items: page.value.tweets, next: page.value.next };
  });
  if (!pages.ok) return { kind: 'failed' as const, error: failed(pages.failure, 'read') };
  if (pages.truncated)
    ctx.log.info({ id: input.id, read: pages.items.length }, 'x: replies read up to the bound');
  const children = new Map<string, FoundTweet[]>();
  // Oldest first, as the other networks answer (search answers newest first).
  for (const tweet of [...pages.items].sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    if (tweet.repliedTo) children.set(tweet.repliedTo, [...(children.get(tweet.repliedTo) ?? []), tweet]);
  }
  const top = children.get(input.id) ?? [];
  return { kind: 'listed' as const, comments: top.map((tweet) => view(tweet, usernames, children)) };
}

export const twitterComments: CommentsCapability = {
  comment: write,
  reply: write,
  list,
  async delete(input, ctx) {
    const client = clientOf(input.account, input.requestSecrets, ctx);
    if (!(client instanceof XClient)) return { kind: 'failed', error: client };
    const deleted = await client.deleteTweet(input.commentId);
    // A reply already gone counts as deleted.
    if (deleted.ok || (deleted.failure.kind === 'x' && deleted.failure.status === 404))
      return { kind: 'deleted' };
    return { kind: 'failed', error: failed(deleted.failure, 'other') };
  },
};
