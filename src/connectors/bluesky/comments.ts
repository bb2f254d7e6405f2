import { isObject } from '../shared/wire.ts';
import type {
  CommentDelete,
  CommentRead,
  CommentsCapability,
  CommentView,
  CommentWrite,
  CommentWriteOutcome,
  ConnectorContext,
  LinkedAccount,
} from '../types.ts';
import { type RecordKey, type RecordRef, XrpcClient, type XrpcFailure } from './client.ts';
import { classifyFailure, PLATFORM_NAME, unreachableSpec } from './errors.ts';
import { POST_COLLECTION } from './publish.ts';
import { rkeyFor } from './rkey.ts';
import { fetchForService } from './service-fetch.ts';
import { type BlueskyCredentials, parseCredentials, SessionKeeper } from './session.ts';
import { detectLinkFacets } from './text.ts';

/**
 * Comments are replies: an `app.bsky.feed.post` record whose `reply` names the thread's
 * root and the post (or comment) answered, both as strong refs `{uri, cid}`. Herald
 * writes each at a record key derived from its own key (create-only), so a lost answer
 * is settled by reading that key, and a repeat can never make a second reply. Reads are
 * `app.bsky.feed.getPostThread`, served by the account's PDS through its AppView.
 */

interface Account {
  credentials: BlueskyCredentials;
  client: XrpcClient;
  keeper: SessionKeeper;
  repo: string;
}

function accountOf(account: LinkedAccount, ctx: ConnectorContext): Account | string {
  const credentials = parseCredentials(account.credentials, ctx.baseUrl);
  if (typeof credentials === 'string') return credentials;
  const client = new XrpcClient(credentials.service, fetchForService(credentials.service, ctx), ctx.signal);
  return {
    credentials,
    client,
    keeper: new SessionKeeper(client, credentials, ctx),
    repo: credentials.session?.did ?? account.externalId,
  };
}

/** `at://<repo>/<collection>/<rkey>` */
function keyOf(uri: string): RecordKey | undefined {
  const match = /^at:\/\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(uri);
  return match?.[1] && match[2] && match[3]
    ? { repo: match[1], collection: match[2], rkey: match[3] }
    : undefined;
}

function refOf(value: unknown): RecordRef | undefined {
  return isObject(value) && typeof value.uri === 'string' && typeof value.cid === 'string'
    ? { uri: value.uri, cid: value.cid }
    : undefined;
}

function failed(failure: XrpcFailure) {
  return {
    kind: 'failed' as const,
    error: failure.kind === 'network' ? unreachableSpec(failure.reason) : classifyFailure(failure).spec,
  };
}

function refused(details: string) {
  return {
    kind: 'failed' as const,
    error: { code: 622, platform: 'bluesky' as const, params: { platformName: PLATFORM_NAME }, details },
  };
}

/** The strong refs of the reply: the parent as it is now, and its thread's root. */
async function replyRefs(account: Account, parentUri: string) {
  const key = keyOf(parentUri);
  if (!key) return refused(`not a Bluesky post uri: ${parentUri}`);
  const parent = await account.client.getRecord(key);
  if (!parent.ok) return failed(parent.failure);
  const parentRef = { uri: parent.value.uri, cid: parent.value.cid };
  const reply = isObject(parent.value.value.reply) ? parent.value.value.reply : undefined;
  return { kind: 'refs' as const, root: refOf(reply?.root) ?? parentRef, parent: parentRef };
}

async function write(input: CommentWrite, ctx: ConnectorContext): Promise<CommentWriteOutcome> {
  const account = accountOf(input.account, ctx);
  if (typeof account === 'string')
    return {
      kind: 'failed',
      error: { code: 623, platform: 'bluesky', params: { platformName: PLATFORM_NAME }, details: account },
    };
  const refs = await replyRefs(account, input.parentId ?? input.postId);
  if (refs.kind === 'failed') return refs;
  const record: Record<string, unknown> = {
    $type: POST_COLLECTION,
    text: input.text,
    createdAt: new Date().toISOString(),
    reply: { root: refs.root, parent: refs.parent },
  };
  const facets = detectLinkFacets(input.text);
  if (facets.length > 0) record.facets = facets;
  const key = { repo: account.repo, collection: POST_COLLECTION, rkey: rkeyFor(input.key) };
  const put = await account.keeper.run((token) =>
    account.client.putRecord(token, { ...key, record, swapRecord: null }),
  );
  if (put.ok) return { kind: 'commented', id: put.value.uri, extra: { cid: put.value.cid } };
  const { failure } = put;
  if (failure.kind === 'network')
    return failure.mayHaveArrived ? { kind: 'unknown', reason: failure.reason } : failed(failure);
  if (failure.status < 300) return { kind: 'unknown', reason: failure.message };
  if (failure.error === 'InvalidSwap') {
    // The key already holds a record: an earlier attempt of this very comment wrote it.
    const existing = await account.client.getRecord(key);
    if (existing.ok) return { kind: 'commented', id: existing.value.uri, extra: { cid: existing.value.cid } };
    return { kind: 'unknown', reason: `${key.rkey} exists but could not be read back` };
  }
  return failed(failure);
}

function viewOf(node: Record<string, unknown>, postId: string): CommentView | undefined {
  const post = isObject(node.post) ? node.post : undefined;
  const author = isObject(post?.author) ? post.author : {};
  const record = isObject(post?.record) ? post.record : {};
  if (typeof post?.uri !== 'string') return undefined;
  const replies = Array.isArray(node.replies) ? node.replies.filter(isObject) : [];
  const handle = typeof author.handle === 'string' ? author.handle : '';
  return {
    commentId: post.uri,
    comment: typeof record.text === 'string' ? record.text : '',
    created: typeof record.createdAt === 'string' ? record.createdAt : String(post.indexedAt ?? ''),
    from: { id: typeof author.did === 'string' ? author.did : '', username: handle },
    hidden: false,
    likeCount: typeof post.likeCount === 'number' ? post.likeCount : 0,
    postId,
    username: handle,
    ...(replies.length > 0 ? { replies: replies.flatMap((r) => viewOf(r, post.uri as string) ?? []) } : {}),
    extra: { cid: post.cid, replyCount: typeof post.replyCount === 'number' ? post.replyCount : 0 },
  };
}

async function list(input: CommentRead, ctx: ConnectorContext) {
  const account = accountOf(input.account, ctx);
  if (typeof account === 'string')
    return {
      kind: 'failed' as const,
      error: {
        code: 623,
        platform: 'bluesky' as const,
        params: { platformName: PLATFORM_NAME },
        details: account,
      },
    };
  const thread = await account.keeper.run((token) => account.client.getPostThread(token, input.id, 6));
  if (!thread.ok) return failed(thread.failure);
  const root = isObject(thread.value.thread) ? thread.value.thread : {};
  if (root.$type === 'app.bsky.feed.defs#notFoundPost') return refused(`post not found: ${input.id}`);
  const replies = Array.isArray(root.replies) ? root.replies.filter(isObject) : [];
  return { kind: 'listed' as const, comments: replies.flatMap((r) => viewOf(r, input.id) ?? []) };
}

async function remove(input: CommentDelete, ctx: ConnectorContext) {
  const account = accountOf(input.account, ctx);
  if (typeof account === 'string')
    return {
      kind: 'failed' as const,
      error: {
        code: 623,
        platform: 'bluesky' as const,
        params: { platformName: PLATFORM_NAME },
        details: account,
      },
    };
  const key = keyOf(input.commentId);
  if (!key || key.collection !== POST_COLLECTION)
    return refused(`not a Bluesky post uri: ${input.commentId}`);
  // Deleting a record that is already gone succeeds: a repeated delete is harmless.
  const deleted = await account.keeper.run((token) => account.client.deleteRecord(token, key));
  return deleted.ok ? { kind: 'deleted' as const } : failed(deleted.failure);
}

export const blueskyComments: CommentsCapability = {
  comment: write,
  reply: write,
  list,
  delete: remove,
  async reconcile(input, ctx) {
    const account = accountOf(input.account, ctx);
    if (typeof account === 'string') return { kind: 'unknown', reason: account };
    const found = await account.client.getRecord({
      repo: account.repo,
      collection: POST_COLLECTION,
      rkey: rkeyFor(input.key),
    });
    if (found.ok) return { kind: 'commented', id: found.value.uri, extra: { cid: found.value.cid } };
    if (found.failure.kind === 'xrpc' && found.failure.error === 'RecordNotFound')
      return { kind: 'not-found' };
    const { failure } = found;
    return {
      kind: 'unknown',
      reason:
        failure.kind === 'network'
          ? failure.reason
          : `${failure.error ?? failure.status}: ${failure.message}`,
    };
  },
};
