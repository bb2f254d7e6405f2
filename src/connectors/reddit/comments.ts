import type { ErrorSpec } from '../../errors/build.ts';
import { COMMENT_READ_LIMIT, COMMENT_READ_PAGES } from '../shared/comment-pages.ts';
import type {
  CommentRead,
  CommentsCapability,
  CommentView,
  CommentWrite,
  CommentWriteOutcome,
  ConnectorContext,
  LinkedAccount,
} from '../types.ts';
import { commentOf, type Flat, flatten, listingChildren, type RedditComment } from './comment-wire.ts';
import { classifyError, describe, PLATFORM_NAME, REDDIT_COMMENT_ERRORS, unreachableSpec } from './errors.ts';
import { parseCredentials, TokenKeeper } from './session.ts';
import { isObject, type RedditFailure } from './wire.ts';

/**
 * Reddit comments (scope submit; deleting needs edit): `POST /api/comment` with
 * `thing_id` (the post's `t3_` fullname, or the `t1_` of the comment answered) and
 * markdown `text`; Reddit answers `json.data.things[0]`, the new comment, whose `t1_`
 * fullname is Herald's commentId. Refusals are `json.errors` triples whatever the HTTP
 * status (as the publish client reads them). Reads are `GET /comments/{article}` (the
 * tree, oldest first; `comment=` focuses on one comment), its `more` stubs fetched with
 * `/api/morechildren` up to the read bound; a delete is `POST /api/del`.
 */

function keeperOf(account: LinkedAccount, ctx: ConnectorContext): TokenKeeper | ErrorSpec {
  const credentials = parseCredentials(account.credentials);
  if (typeof credentials === 'string')
    return { code: 623, platform: 'reddit', params: { platformName: PLATFORM_NAME }, details: credentials };
  return new TokenKeeper(credentials, ctx, account.username);
}

function specOf(failure: RedditFailure): ErrorSpec {
  return failure.kind === 'network'
    ? unreachableSpec(failure.reason)
    : classifyError(failure, '', REDDIT_COMMENT_ERRORS).spec;
}

const bare = (fullname: string) => fullname.replace(/^t[13]_/, '');
/** A fullname, whether the caller gave `abc12` or `t3_abc12` (searchPlatformId ids come either way). */
const fullname = (kind: 't1' | 't3', id: string) => (/^t[13]_/.test(id) ? id : `${kind}_${id}`);

async function write(input: CommentWrite, ctx: ConnectorContext): Promise<CommentWriteOutcome> {
  const keeper = keeperOf(input.account, ctx);
  if (!(keeper instanceof TokenKeeper)) return { kind: 'failed', error: keeper };
  const parent = input.parentId ? fullname('t1', input.parentId) : fullname('t3', input.postId);
  const sent = await keeper.run((token) => keeper.client.comment(token, parent, input.text));
  if (sent.ok) {
    const thing = sent.value.find((t) => isObject(t) && t.kind === 't1');
    const made = isObject(thing) && isObject(thing.data) ? commentOf(thing.data) : undefined;
    return made
      ? { kind: 'commented', id: made.name }
      : { kind: 'unknown', reason: 'Reddit answered without the comment' };
  }
  const { failure } = sent;
  if (failure.kind === 'network')
    return failure.mayHaveArrived
      ? { kind: 'unknown', reason: failure.reason }
      : { kind: 'failed', error: unreachableSpec(failure.reason) };
  // A 5xx, or a 2xx without the comment and without a refusal: Reddit may hold it.
  if (failure.status >= 500 || (failure.status < 300 && failure.code === undefined))
    return { kind: 'unknown', reason: describe(failure) };
  return { kind: 'failed', error: specOf(failure) };
}

function view(comment: RedditComment, children: Map<string, RedditComment[]>): CommentView {
  const replies = children.get(comment.name) ?? [];
  const out: CommentView = {
    commentId: comment.name,
    comment: comment.body,
    created: comment.created > 0 ? new Date(comment.created * 1000).toISOString() : '',
    from: { id: comment.authorFullname, username: comment.author },
    hidden: false,
    likeCount: comment.score,
    postId: comment.parentId,
    username: comment.author,
  };
  if (replies.length > 0) out.replies = replies.map((r) => view(r, children));
  return out;
}

type Tree = { ok: true; flat: Flat; truncated: boolean } | { ok: false; failure: RedditFailure };

/** The tree and what its `more` stubs stand for, one /api/morechildren call per 100 ids, within the bound. */
async function readTree(keeper: TokenKeeper, linkId: string, focus?: string): Promise<Tree> {
  const query: Record<string, string> = { sort: 'old', limit: String(COMMENT_READ_LIMIT) };
  if (focus) query.comment = bare(focus);
  const first = await keeper.run((token) => keeper.client.commentTree(token, bare(linkId), query));
  if (!first.ok) return first;
  const listings = Array.isArray(first.value) ? first.value : [];
  const flat = flatten(listingChildren(listings[1]));
  let calls = 1;
  while (flat.more.length > 0 && calls < COMMENT_READ_PAGES && flat.comments.length < COMMENT_READ_LIMIT) {
    const ids = flat.more.flatMap((m) => m.children).slice(0, 100);
    const pending = new Set(ids);
    // What is asked now leaves the stubs; the rest stays for the next call.
    flat.more = flat.more
      .map((m) => ({ ...m, children: m.children.filter((c) => !pending.has(c)) }))
      .filter((m) => m.children.length > 0);
    const more = await keeper.run((token) => keeper.client.moreChildren(token, linkId, ids));
    if (!more.ok) return more;
    flatten(more.value, flat);
    calls += 1;
  }
  return { ok: true, flat, truncated: flat.more.length > 0 || flat.comments.length > COMMENT_READ_LIMIT };
}

/** The post a comment is on (`link_id`), when Herald does not know it. */
async function postOf(keeper: TokenKeeper, commentId: string): Promise<string | RedditFailure> {
  const found = await keeper.run((token) => keeper.client.info(token, commentId));
  if (!found.ok) return found.failure;
  const [thing] = listingChildren(found.value);
  const data = isObject(thing) && isObject(thing.data) ? thing.data : {};
  return typeof data.link_id === 'string' ? data.link_id : '';
}

async function list(input: CommentRead, ctx: ConnectorContext) {
  const keeper = keeperOf(input.account, ctx);
  if (!(keeper instanceof TokenKeeper)) return { kind: 'failed' as const, error: keeper };
  const id = fullname(input.of === 'post' ? 't3' : 't1', input.id);
  let linkId = input.of === 'post' ? id : input.postId && fullname('t3', input.postId);
  if (!linkId) {
    const found = await postOf(keeper, id);
    if (typeof found !== 'string') return { kind: 'failed' as const, error: specOf(found) };
    const details = `Reddit has no comment ${id}`;
    if (!found)
      return {
        kind: 'failed' as const,
        error: { code: 622, platform: 'reddit' as const, params: { platformName: PLATFORM_NAME }, details },
      };
    linkId = found;
  }
  const tree = await readTree(keeper, linkId, input.of === 'comment' ? id : undefined);
  if (!tree.ok) return { kind: 'failed' as const, error: specOf(tree.failure) };
  if (tree.truncated)
    ctx.log.info({ id: input.id, read: tree.flat.comments.length }, 'reddit: comments read up to the bound');
  const children = new Map<string, RedditComment[]>();
  for (const comment of tree.flat.comments.slice(0, COMMENT_READ_LIMIT))
    children.set(comment.parentId, [...(children.get(comment.parentId) ?? []), comment]);
  // A post's comments hang on its t3_; a comment's replies on its t1_.
  const top = children.get(id) ?? [];
  return { kind: 'listed' as const, comments: top.map((c) => view(c, children)) };
}

export const redditComments: CommentsCapability = {
  comment: write,
  reply: write,
  list,
  async delete(input, ctx) {
    const keeper = keeperOf(input.account, ctx);
    if (!(keeper instanceof TokenKeeper)) return { kind: 'failed', error: keeper };
    // Reddit answers {} whether or not the comment still existed.
    const deleted = await keeper.run((token) =>
      keeper.client.deletePost(token, fullname('t1', input.commentId)),
    );
    return deleted.ok ? { kind: 'deleted' } : { kind: 'failed', error: specOf(deleted.failure) };
  },
};
