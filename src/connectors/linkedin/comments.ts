import type { ErrorSpec } from '../../errors/build.ts';
import { readPages } from '../shared/comment-pages.ts';
import type {
  CommentsCapability,
  CommentView,
  CommentWrite,
  CommentWriteOutcome,
  ConnectorContext,
  ErrorRow,
} from '../types.ts';
import type { LinkedInClient, LinkedInComment } from './client.ts';
import {
  classifyError,
  LINKEDIN_COMMENT_ERRORS,
  LINKEDIN_COMMENT_READ_ERRORS,
  PLATFORM_NAME,
  unreachableSpec,
} from './errors.ts';
import { uploadImages } from './media.ts';
import { clientFor } from './publish.ts';
import type { LinkedInFailure } from './wire.ts';

/**
 * LinkedIn comments through the Comments API, as the linked author (a member, or an
 * organization page the member administers): `POST /rest/socialActions/{post}/comments`
 * `{actor, object, message: {text}}` (one image as `content[].entity.image`, uploaded
 * through the Images API), a reply posted on the parent comment's URN with
 * `parentComment`; LinkedIn answers 201 with the comment, whose `commentUrn`
 * (`urn:li:comment:(<activity>,<id>)`) is Herald's commentId for LinkedIn, since every
 * later call needs it. Reads page with `start`/`count` (first-level comments; a
 * comment's replies by its URN); a delete is `DELETE …/{object}/comments/{id}?actor=`.
 * LinkedIn takes no idempotency key: a lost answer is settled by reading the comments.
 */

const PAGE = 100;

/** `urn:li:comment:(urn:li:activity:1,2)` → the object it is on and its id. */
export function commentParts(urn: string): { object: string; id: string } | undefined {
  const match = /^urn:li:comment:\((urn:li:[A-Za-z]+:[^,]+),([^)]+)\)$/.exec(urn);
  return match?.[1] && match[2] ? { object: match[1], id: match[2] } : undefined;
}

function specOf(failure: LinkedInFailure, table: readonly ErrorRow[]): ErrorSpec {
  return failure.kind === 'network'
    ? unreachableSpec(failure.reason)
    : classifyError(failure, Date.now(), table).spec;
}

function refused(details: string): { kind: 'failed'; error: ErrorSpec } {
  return {
    kind: 'failed',
    error: { code: 623, platform: 'linkedin', params: { platformName: PLATFORM_NAME }, details },
  };
}

function invalid(details: string): { kind: 'failed'; error: ErrorSpec } {
  return {
    kind: 'failed',
    error: { code: 622, platform: 'linkedin', params: { platformName: PLATFORM_NAME }, details },
  };
}

async function write(input: CommentWrite, ctx: ConnectorContext): Promise<CommentWriteOutcome> {
  const prepared = clientFor(input.account.credentials, ctx);
  if (typeof prepared === 'string') return refused(prepared);
  const { client, credentials } = prepared;
  const actor = credentials.author;
  const body: Record<string, unknown> = { actor, object: input.postId, message: { text: input.text } };
  let target = input.postId;
  if (input.parentId) {
    const parent = commentParts(input.parentId);
    if (!parent) return invalid(`not a LinkedIn comment URN: ${input.parentId}`);
    target = input.parentId;
    body.object = parent.object;
    body.parentComment = input.parentId;
  }
  if (input.media.length > 0) {
    // Uploaded (owner: the actor) before the comment leaves: a failure here creates nothing.
    const images = await uploadImages({ media: input.media }, client, actor, ctx);
    if (images.kind === 'failed') return { kind: 'failed', error: images.error };
    body.content = images.urns.map((image) => ({ entity: { image } }));
  }
  const created = await client.createComment(target, body);
  if (created.ok)
    return { kind: 'commented', id: created.value.urn, extra: { commentUrn: created.value.urn } };
  const { failure } = created;
  if (failure.kind === 'network')
    return failure.mayHaveArrived
      ? { kind: 'unknown', reason: failure.reason }
      : { kind: 'failed', error: unreachableSpec(failure.reason) };
  // A 2xx without a readable comment, or a 5xx: LinkedIn may hold it all the same.
  if (failure.status < 300 || failure.status >= 500)
    return { kind: 'unknown', reason: `HTTP ${failure.status}: ${failure.message}` };
  return { kind: 'failed', error: specOf(failure, LINKEDIN_COMMENT_ERRORS) };
}

function view(comment: LinkedInComment): CommentView {
  return {
    commentId: comment.urn,
    comment: comment.text,
    created: comment.created > 0 ? new Date(comment.created).toISOString() : '',
    // LinkedIn names the author by URN only (a name needs the People API and its own scope).
    from: { id: comment.actor, username: comment.actor },
    hidden: false,
    likeCount: comment.likes,
    postId: comment.parentComment ?? comment.object,
    username: comment.actor,
    extra: { commentUrn: comment.urn, replyCount: comment.replies },
  };
}

function pagesOf(client: LinkedInClient, target: string) {
  return readPages<LinkedInComment, LinkedInFailure>(async (cursor) => {
    const page = await client.comments(target, cursor ? Number(cursor) : 0, PAGE);
    if (!page.ok) return page;
    return { ok: true, items: page.value.comments, next: page.value.next?.toString() };
  });
}

export const linkedinComments: CommentsCapability = {
  comment: write,
  reply: write,
  async list(input, ctx) {
    const prepared = clientFor(input.account.credentials, ctx);
    if (typeof prepared === 'string') return refused(prepared);
    // First-level comments of the post; with of: 'comment', the replies of that comment.
    const pages = await pagesOf(prepared.client, input.id);
    if (!pages.ok) return { kind: 'failed', error: specOf(pages.failure, LINKEDIN_COMMENT_READ_ERRORS) };
    if (pages.truncated)
      ctx.log.info({ id: input.id, read: pages.items.length }, 'linkedin: comments read up to the bound');
    return { kind: 'listed', comments: pages.items.map(view) };
  },
  async delete(input, ctx) {
    const prepared = clientFor(input.account.credentials, ctx);
    if (typeof prepared === 'string') return refused(prepared);
    const parts = commentParts(input.commentId);
    if (!parts) return invalid(`not a LinkedIn comment URN: ${input.commentId}`);
    const deleted = await prepared.client.deleteComment(parts.object, parts.id, prepared.credentials.author);
    // A comment already gone counts as deleted.
    if (deleted.ok || (deleted.failure.kind === 'linkedin' && deleted.failure.status === 404))
      return { kind: 'deleted' };
    return { kind: 'failed', error: specOf(deleted.failure, LINKEDIN_COMMENT_ERRORS) };
  },
};
