import { type FakeRequest, jsonOf, type Reply } from '../http.ts';
import { liError } from './errors.ts';
import type { FakeMember, FakePost, LinkedInState } from './fake-linkedin.ts';
import { renderLittleText } from './little-text.ts';

/** The Images API and the Posts API of the fake LinkedIn. */

const POSTING_ROLES = new Set(['ADMINISTRATOR', 'CONTENT_ADMIN', 'DIRECT_SPONSORED_CONTENT_POSTER']);

function mayActAs(member: FakeMember, author: unknown): boolean {
  if (author === `urn:li:person:${member.sub}`) return true;
  return typeof author === 'string' && POSTING_ROLES.has(member.roles.get(author) ?? '');
}

const denied = (what: string) =>
  liError(403, 'ACCESS_DENIED', `Not enough permissions to access: ${what}.20260101`, 100);

/** A URN in a path segment must arrive percent-encoded; a raw ':' is refused. */
function urnOf(request: FakeRequest, prefix: string): string | Reply {
  const segment = request.rawUrl.slice(prefix.length).split('?')[0] ?? '';
  if (segment.includes(':')) return liError(400, undefined, `Syntax exception in path variables: ${segment}`);
  return decodeURIComponent(segment);
}

export function handleImages(
  state: LinkedInState,
  request: FakeRequest,
  member: FakeMember | undefined,
): Reply {
  if (request.method === 'PUT') {
    const image = [...state.images.values()].find((i) =>
      i.urn.endsWith(request.path.split('/').pop() ?? '-'),
    );
    if (!image) return { status: 404 };
    const type = request.headers['content-type'] ?? '';
    image.uploaded = {
      bytes: request.body.length,
      type,
      bearer: request.headers.authorization !== undefined,
    };
    return { status: 201 };
  }
  if (!member) return liError(401, 'INVALID_ACCESS_TOKEN', 'Invalid access token', 65600);
  if (request.method === 'POST' && request.query.get('action') === 'initializeUpload') {
    const owner = (jsonOf(request).initializeUploadRequest as { owner?: unknown } | undefined)?.owner;
    if (!mayActAs(member, owner)) return denied('images.ACTION-initializeUpload');
    const id = state.nextId();
    const urn = `urn:li:image:C4E10AQ${id}`;
    state.images.set(urn, { urn, owner: String(owner) });
    return {
      status: 200,
      body: {
        value: {
          uploadUrlExpiresAt: Date.now() + 3_600_000,
          uploadUrl: `${state.origin}/dms-uploads/${id}`,
          image: urn,
        },
      },
    };
  }
  if (request.method === 'GET') {
    const urn = urnOf(request, '/rest/images/');
    if (typeof urn !== 'string') return urn;
    const image = state.images.get(urn);
    if (!image) return liError(404, undefined, 'Not Found');
    return {
      status: 200,
      body: { id: urn, owner: image.owner, status: image.uploaded ? 'AVAILABLE' : 'WAITING_UPLOAD' },
    };
  }
  return liError(405, undefined, 'Method Not Allowed');
}

function mediaProblem(
  state: LinkedInState,
  author: string,
  content: Record<string, unknown> | undefined,
): string | undefined {
  if (!content) return undefined;
  const single = (content.media as { id?: unknown } | undefined)?.id;
  const many =
    (content.multiImage as { images?: { id?: unknown }[] } | undefined)?.images?.map((i) => i.id) ?? [];
  for (const id of single === undefined ? many : [single]) {
    const image = state.images.get(String(id));
    if (!image?.uploaded || image.owner !== author) return `/content: image ${String(id)} is not available`;
  }
  if (single === undefined && (many.length < 2 || many.length > 20))
    return '/content/multiImage/images: 2 to 20 images';
  return undefined;
}

function createPost(state: LinkedInState, request: FakeRequest, member: FakeMember): Reply {
  const body = jsonOf(request);
  const { author, commentary, content } = body as {
    author?: unknown;
    commentary?: unknown;
    content?: Record<string, unknown>;
  };
  if (typeof author !== 'string' || typeof commentary !== 'string' || body.lifecycleState !== 'PUBLISHED') {
    return liError(400, 'INVALID_VALUE_FOR_FIELD', 'author, commentary and lifecycleState are required');
  }
  if (!mayActAs(member, author)) return denied('partnerApiPostsExternal.CREATE');
  if (commentary.length > 3000)
    return liError(400, 'FIELD_LENGTH_TOO_LONG', '/commentary: length exceeds 3000');
  const problem = mediaProblem(state, author, content);
  if (problem) return liError(400, 'INVALID_VALUE_FOR_FIELD', problem);
  const same = state.posts.find(
    (p) =>
      !p.deleted &&
      p.author === author &&
      p.commentary === commentary &&
      JSON.stringify(p.content) === JSON.stringify(content),
  );
  if (same) {
    return liError(
      422,
      state.duplicateCode ? 'DUPLICATE_POST' : undefined,
      `Content is a duplicate of ${same.urn}`,
    );
  }
  const post: FakePost = {
    urn: `urn:li:share:${state.nextId()}`,
    author,
    commentary,
    shown: renderLittleText(commentary),
    deleted: false,
    createdAt: Date.now(),
  };
  if (content) post.content = content;
  if (typeof body.isReshareDisabledByAuthor === 'boolean')
    post.isReshareDisabledByAuthor = body.isReshareDisabledByAuthor;
  state.posts.push(post);
  return { status: 201, headers: { 'x-restli-id': post.urn, 'x-linkedin-id': post.urn } };
}

export function handlePosts(state: LinkedInState, request: FakeRequest, member: FakeMember): Reply {
  if (request.method === 'POST' && request.path === '/rest/posts') return createPost(state, request, member);
  if (request.method === 'DELETE' && request.path.startsWith('/rest/posts/')) {
    const urn = urnOf(request, '/rest/posts/');
    if (typeof urn !== 'string') return urn;
    const post = state.posts.find((p) => p.urn === urn && !p.deleted);
    if (!post) return liError(404, undefined, 'Not Found');
    if (!mayActAs(member, post.author)) return denied('partnerApiPostsExternal.DELETE');
    post.deleted = true;
    return { status: 204 };
  }
  return liError(404, undefined, 'Not Found');
}
