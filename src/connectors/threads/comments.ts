import type { ErrorSpec } from '../../errors/build.ts';
import { clientFor, readGraphAccount } from '../shared/graph-account.ts';
import type { GraphClient, GraphFailure } from '../shared/graph-client.ts';
import { stringField } from '../shared/graph-client.ts';
import { graphPages, metaDate } from '../shared/graph-comments.ts';
import { unreachableSpec } from '../shared/graph-errors.ts';
import type {
  CommentsCapability,
  CommentWrite,
  CommentWriteOutcome,
  ConnectorContext,
  LinkedAccount,
} from '../types.ts';
import { classifyAnswer, PLATFORM_NAME } from './errors.ts';
import { CREDENTIALS } from './network.ts';

/**
 * A Threads comment is a reply post: a TEXT container with `reply_to_id` (the post, or
 * the reply answered), then `threads_publish` with its `creation_id`. Reads are
 * `GET /{threads-media-id}/replies`; deletes `DELETE /{threads-media-id}` (threads_delete).
 */

function specOf(failure: GraphFailure): ErrorSpec {
  return failure.kind === 'network'
    ? unreachableSpec('threads', PLATFORM_NAME, failure.reason)
    : classifyAnswer(failure).spec;
}

function accountOf(
  account: LinkedAccount,
  ctx: ConnectorContext,
): { client: GraphClient; userId: string } | ErrorSpec {
  const read = readGraphAccount(account.credentials, CREDENTIALS);
  if (typeof read === 'string')
    return { code: 623, platform: 'threads', params: { platformName: PLATFORM_NAME }, details: read };
  return { client: clientFor(read, ctx), userId: read.id };
}

async function write(input: CommentWrite, ctx: ConnectorContext): Promise<CommentWriteOutcome> {
  const account = accountOf(input.account, ctx);
  if ('code' in account) return { kind: 'failed', error: account };
  const created = await account.client.post([account.userId, 'threads'], {
    media_type: 'TEXT',
    text: input.text,
    reply_to_id: input.parentId ?? input.postId,
  });
  // Nothing is visible before the publish: a container that failed is simply refused.
  if (!created.ok) return { kind: 'failed', error: specOf(created.failure) };
  const container = stringField(created.value, 'id');
  if (!container)
    return {
      kind: 'failed',
      error: {
        code: 621,
        platform: 'threads',
        params: { platformName: PLATFORM_NAME },
        details: 'no container id',
      },
    };
  const published = await account.client.post([account.userId, 'threads_publish'], {
    creation_id: container,
  });
  if (published.ok) {
    const id = stringField(published.value, 'id');
    return id ? { kind: 'commented', id } : { kind: 'unknown', reason: 'Threads answered without an id' };
  }
  const { failure } = published;
  if (failure.kind === 'network')
    return failure.mayHaveArrived
      ? { kind: 'unknown', reason: failure.reason }
      : { kind: 'failed', error: specOf(failure) };
  if (failure.status >= 500)
    return { kind: 'unknown', reason: `HTTP ${failure.status}: ${failure.error.message}` };
  return { kind: 'failed', error: specOf(failure) };
}

export const threadsComments: CommentsCapability = {
  comment: write,
  reply: write,
  async list(input, ctx) {
    const account = accountOf(input.account, ctx);
    if ('code' in account) return { kind: 'failed', error: account };
    const pages = await graphPages(account.client, [input.id, 'replies'], {
      fields: 'id,text,username,timestamp,permalink,hide_status,has_replies',
    });
    if (!pages.ok) return { kind: 'failed', error: specOf(pages.failure) };
    if (pages.truncated)
      ctx.log.info({ id: input.id, read: pages.items.length }, 'threads: replies read up to the bound');
    return {
      kind: 'listed',
      comments: pages.items.map((raw) => {
        const username = typeof raw.username === 'string' ? raw.username : '';
        return {
          commentId: String(raw.id),
          comment: typeof raw.text === 'string' ? raw.text : '',
          created: metaDate(raw.timestamp),
          // Threads names the author of a reply by username only.
          from: { id: username, username },
          hidden: raw.hide_status === 'HIDDEN' || raw.hide_status === 'HUSHED',
          likeCount: 0,
          postId: input.id,
          username,
          extra: { permalink: raw.permalink, hasReplies: raw.has_replies === true },
        };
      }),
    };
  },
  async delete(input, ctx) {
    const account = accountOf(input.account, ctx);
    if ('code' in account) return { kind: 'failed', error: account };
    const answer = await account.client.delete([input.commentId]);
    return answer.ok ? { kind: 'deleted' } : { kind: 'failed', error: specOf(answer.failure) };
  },
};
