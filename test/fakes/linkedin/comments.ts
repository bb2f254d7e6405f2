import { type FakeRequest, jsonOf, type Reply } from '../http.ts';
import { liError } from './errors.ts';
import type { FakeMember, LinkedInState } from './fake-linkedin.ts';

/**
 * The Comments API (`/rest/socialActions/{urn}/comments`) as LinkedIn's Community
 * Management docs describe it: the target URN percent-encoded in the path (a share, a
 * ugcPost, or the comment replied to), `{actor, object, message: {text}, parentComment?,
 * content?}`, 201 with the created comment (`commentUrn`, `$URN`, `id`, `created.time`…),
 * reads paged by `start`/`count` with `paging.total`, `DELETE …/comments/{id}?actor=` →
 * 204. Writing as a member needs w_member_social, as a page an admin role; reading needs
 * r_member_social (LinkedIn grants it to select developers only, so a member without it
 * is refused with 403 ACCESS_DENIED) or, on a page's post, an admin role
 * (r_organization_social).
 */

export interface FakeLinkedInComment {
  id: string;
  urn: string;
  actor: string;
  /** The post (share/ugcPost URN) whose thread this comment is in. */
  object: string;
  parentComment?: string;
  text: string;
  image?: string;
  created: number;
  likes: number;
  deleted: boolean;
}

const PAGE_ADMINS = new Set(['ADMINISTRATOR', 'DIRECT_SPONSORED_CONTENT_POSTER', 'RECRUITING_POSTER']);
const READERS = new Set(['ADMINISTRATOR', 'DIRECT_SPONSORED_CONTENT_POSTER']);

const denied = (what: string) =>
  liError(403, 'ACCESS_DENIED', `Not enough permissions to access: ${what}.20260101`, 100);

function mayActAs(member: FakeMember, actor: unknown): boolean {
  if (actor === `urn:li:person:${member.sub}`) return true;
  return typeof actor === 'string' && PAGE_ADMINS.has(member.roles.get(actor) ?? '');
}

function mayRead(state: LinkedInState, member: FakeMember, object: string): boolean {
  if (member.scopes.has('r_member_social')) return true;
  const author = state.posts.find((p) => p.urn === object)?.author;
  return author !== undefined && READERS.has(member.roles.get(author) ?? '');
}

function json(state: LinkedInState, c: FakeLinkedInComment): Record<string, unknown> {
  const children = state.comments.filter((r) => r.parentComment === c.urn && !r.deleted).length;
  return {
    actor: c.actor,
    agent: c.actor,
    commentUrn: c.urn,
    $URN: c.urn,
    id: c.id,
    object: c.object,
    message: { attributes: [], text: c.text },
    created: { actor: c.actor, time: c.created },
    lastModified: { actor: c.actor, time: c.created },
    likesSummary: {
      selectedLikes: [],
      aggregatedTotalLikes: c.likes,
      likedByCurrentUser: false,
      totalLikes: c.likes,
    },
    commentsSummary: {
      selectedComments: [],
      aggregatedTotalComments: children,
      totalFirstLevelComments: children,
    },
    ...(c.parentComment ? { parentComment: c.parentComment } : {}),
    ...(c.image ? { content: [{ entity: { image: c.image }, type: 'IMAGE' }] } : {}),
  };
}

/** The target of `/rest/socialActions/{urn}/comments[/{id}]`; a raw ':' in the segment is refused. */
function pathOf(request: FakeRequest): { target: string; id?: string } | Reply {
  const match = /^\/rest\/socialActions\/([^/]+)\/comments(?:\/([^/]+))?$/.exec(
    request.rawUrl.split('?')[0] ?? '',
  );
  if (!match?.[1]) return liError(404, undefined, 'Not Found');
  if (match[1].includes(':'))
    return liError(400, undefined, `Syntax exception in path variables: ${match[1]}`);
  return { target: decodeURIComponent(match[1]), ...(match[2] ? { id: decodeURIComponent(match[2]) } : {}) };
}

/** The thread a target is in: a live post, or a live comment's post. */
function threadOf(
  state: LinkedInState,
  target: string,
): { object: string; parent?: FakeLinkedInComment } | undefined {
  if (state.posts.some((p) => p.urn === target && !p.deleted)) return { object: target };
  const parent = state.comments.find((c) => c.urn === target && !c.deleted);
  return parent ? { object: parent.object, parent } : undefined;
}

function create(state: LinkedInState, request: FakeRequest, member: FakeMember, target: string): Reply {
  const body = jsonOf(request);
  const { actor, object, parentComment } = body as {
    actor?: unknown;
    object?: unknown;
    parentComment?: unknown;
  };
  const text = (body.message as { text?: unknown } | undefined)?.text;
  if (typeof actor !== 'string' || typeof object !== 'string' || typeof text !== 'string' || text === '')
    return liError(400, 'INVALID_VALUE_FOR_FIELD', 'actor, object and message.text are required');
  if (!mayActAs(member, actor)) return denied('partnerApiSocialActions.CREATE');
  const thread = threadOf(state, target);
  if (!thread) return liError(404, undefined, `Not Found: ${target}`);
  if (object !== thread.object)
    return liError(400, 'INVALID_VALUE_FOR_FIELD', `/object: ${object} is not ${thread.object}`);
  if (thread.parent && parentComment !== thread.parent.urn)
    return liError(400, 'INVALID_VALUE_FOR_FIELD', '/parentComment must name the comment replied to');
  if (thread.parent?.parentComment)
    return liError(400, 'INVALID_VALUE_FOR_FIELD', 'comments nest one level only');
  const images = Array.isArray(body.content)
    ? body.content.map((c) => (c as { entity?: { image?: unknown } }).entity?.image)
    : [];
  for (const image of images) {
    const held = state.images.get(String(image));
    if (!held?.uploaded || held.owner !== actor)
      return liError(400, 'INVALID_VALUE_FOR_FIELD', `/content: image ${String(image)} is not available`);
  }
  const id = state.nextId();
  const comment: FakeLinkedInComment = {
    id,
    urn: `urn:li:comment:(${thread.object},${id})`,
    actor,
    object: thread.object,
    text,
    created: Date.now(),
    likes: 0,
    deleted: false,
  };
  if (thread.parent) comment.parentComment = thread.parent.urn;
  if (typeof images[0] === 'string') comment.image = images[0];
  state.comments.push(comment);
  return { status: 201, body: json(state, comment), headers: { 'x-restli-id': comment.urn } };
}

function list(state: LinkedInState, request: FakeRequest, member: FakeMember, target: string): Reply {
  const thread = threadOf(state, target);
  if (!thread) return liError(404, undefined, `Not Found: ${target}`);
  if (!mayRead(state, member, thread.object)) return denied('partnerApiSocialActions.GET_ALL');
  const start = Number(request.query.get('start') ?? 0);
  const count = Math.min(Number(request.query.get('count') ?? 10), 100);
  const all = state.comments.filter((c) =>
    thread.parent
      ? c.parentComment === thread.parent.urn && !c.deleted
      : c.object === target && !c.parentComment && !c.deleted,
  );
  const elements = all.slice(start, start + count).map((c) => json(state, c));
  return { status: 200, body: { paging: { start, count, total: all.length, links: [] }, elements } };
}

function remove(
  state: LinkedInState,
  request: FakeRequest,
  member: FakeMember,
  target: string,
  id: string,
): Reply {
  const actor = request.query.get('actor') ?? `urn:li:person:${member.sub}`;
  const comment = state.comments.find(
    (c) => c.id === id && !c.deleted && (c.object === target || c.parentComment === target),
  );
  if (!comment) return liError(404, undefined, `Not Found: ${id}`);
  if (comment.actor !== actor || !mayActAs(member, actor)) return denied('partnerApiSocialActions.DELETE');
  comment.deleted = true;
  return { status: 204 };
}

export function handleComments(state: LinkedInState, request: FakeRequest, member: FakeMember): Reply {
  const path = pathOf(request);
  if ('status' in path) return path;
  if (request.method === 'POST' && !path.id) return create(state, request, member, path.target);
  if (request.method === 'GET' && !path.id) return list(state, request, member, path.target);
  if (request.method === 'DELETE' && path.id) return remove(state, request, member, path.target, path.id);
  return liError(405, undefined, 'Method Not Allowed');
}
