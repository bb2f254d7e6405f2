import { errorOf, isObject, type LinkedInResult, networkFailure, readJson } from './wire.ts';

/**
 * The LinkedIn calls Herald makes. Every /rest call carries `LinkedIn-Version`
 * (from config) and `X-Restli-Protocol-Version: 2.0.0`; URNs in a path are
 * percent-encoded (a raw `:` is refused).
 */

export interface ImageUpload {
  uploadUrl: string;
  image: string;
}

export interface OrganizationRole {
  organization: string;
  role: string;
  state: string;
}

type Parser<T> = (body: unknown, headers: Headers) => T | undefined;

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export interface Userinfo {
  sub: string;
  name: string;
  /** The member's photo (OpenID `picture`), when LinkedIn gives one. */
  picture?: string;
}

const parseUserinfo: Parser<Userinfo> = (body) => {
  if (!isObject(body)) return undefined;
  const sub = str(body.sub);
  if (!sub) return undefined;
  const picture = str(body.picture);
  return { sub, name: str(body.name) ?? sub, ...(picture ? { picture } : {}) };
};
const parseOrganization: Parser<{ name: string; vanityName?: string }> = (body) => {
  if (!isObject(body)) return undefined;
  const name = str(body.localizedName);
  if (!name) return undefined;
  const vanityName = str(body.vanityName);
  return vanityName ? { name, vanityName } : { name };
};
const parseRoles: Parser<OrganizationRole[]> = (body) => {
  const elements = isObject(body) && Array.isArray(body.elements) ? body.elements : undefined;
  return elements?.filter(isObject).map((e) => ({
    organization: String(e.organization ?? ''),
    role: String(e.role ?? ''),
    state: String(e.state ?? ''),
  }));
};
const parseUpload: Parser<ImageUpload> = (body) => {
  const value = isObject(body) && isObject(body.value) ? body.value : undefined;
  const uploadUrl = str(value?.uploadUrl);
  const image = str(value?.image);
  return uploadUrl && image ? { uploadUrl, image } : undefined;
};
/** A comment as the Comments API prints it (create answers the comment itself). */
export interface LinkedInComment {
  urn: string;
  id: string;
  actor: string;
  text: string;
  /** Epoch milliseconds. */
  created: number;
  object: string;
  parentComment?: string;
  likes: number;
  replies: number;
}

function commentOf(body: unknown): LinkedInComment | undefined {
  if (!isObject(body)) return undefined;
  const urn = str(body.commentUrn) ?? str(body.$URN);
  const id = str(body.id);
  if (!urn || !id) return undefined;
  const message = isObject(body.message) ? body.message : {};
  const created = isObject(body.created) ? body.created : {};
  const likes = isObject(body.likesSummary) ? body.likesSummary : {};
  const replies = isObject(body.commentsSummary) ? body.commentsSummary : {};
  const comment: LinkedInComment = {
    urn,
    id,
    actor: str(body.actor) ?? '',
    text: typeof message.text === 'string' ? message.text : '',
    created: typeof created.time === 'number' ? created.time : 0,
    object: str(body.object) ?? '',
    likes: typeof likes.totalLikes === 'number' ? likes.totalLikes : 0,
    replies: typeof replies.totalFirstLevelComments === 'number' ? replies.totalFirstLevelComments : 0,
  };
  const parent = str(body.parentComment);
  if (parent) comment.parentComment = parent;
  return comment;
}

/** One page of comments, and whether LinkedIn holds more after it (`paging.total`). */
export interface CommentPage {
  comments: LinkedInComment[];
  next?: number;
}

const parseComments =
  (start: number): Parser<CommentPage> =>
  (body) => {
    if (!isObject(body) || !Array.isArray(body.elements)) return undefined;
    const comments = body.elements.map(commentOf).filter((c): c is LinkedInComment => c !== undefined);
    const paging = isObject(body.paging) ? body.paging : {};
    const total = typeof paging.total === 'number' ? paging.total : undefined;
    const end = start + body.elements.length;
    return total !== undefined && end < total && body.elements.length > 0
      ? { comments, next: end }
      : { comments };
  };

const parseStatus: Parser<string> = (body) => (isObject(body) ? str(body.status) : undefined);
/** A created post: 201 with an empty body, the id in `x-restli-id`. */
const parseCreated: Parser<string> = (_body, headers) => str(headers.get('x-restli-id') ?? undefined);
const parseNothing: Parser<null> = () => null;

export class LinkedInClient {
  private readonly base: string;

  constructor(
    baseUrl: string,
    private readonly version: string,
    private readonly token: string,
    private readonly fetchFn: typeof fetch,
    private readonly signal?: AbortSignal,
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  /**
   * A GET of a /rest resource, answered whole. `pathAndQuery` is written by the caller:
   * Rest.li 2.0 keeps `List(…)` and `(share:…)` as they are, with the URNs inside encoded.
   */
  read(
    pathAndQuery: string,
    headers: Record<string, string> = {},
  ): Promise<LinkedInResult<Record<string, unknown>>> {
    return this.call('GET', `${this.base}${pathAndQuery}`, (body) => (isObject(body) ? body : undefined), {
      headers,
    });
  }

  userinfo(): Promise<LinkedInResult<Userinfo>> {
    return this.call('GET', `${this.base}/v2/userinfo`, parseUserinfo, { rest: false });
  }

  organization(id: string): Promise<LinkedInResult<{ name: string; vanityName?: string }>> {
    return this.call('GET', `${this.base}/rest/organizations/${encodeURIComponent(id)}`, parseOrganization);
  }

  /** The organizations the member holds an approved role on. */
  organizationRoles(): Promise<LinkedInResult<OrganizationRole[]>> {
    return this.call('GET', `${this.base}/rest/organizationAcls?q=roleAssignee&state=APPROVED`, parseRoles);
  }

  initializeImageUpload(owner: string): Promise<LinkedInResult<ImageUpload>> {
    return this.call('POST', `${this.base}/rest/images?action=initializeUpload`, parseUpload, {
      json: { initializeUploadRequest: { owner } },
    });
  }

  /** The raw bytes to the upload URL LinkedIn gave; the token goes only to LinkedIn's own hosts. */
  putImage(
    uploadUrl: string,
    bytes: Uint8Array<ArrayBuffer>,
    mimeType: string,
  ): Promise<LinkedInResult<null>> {
    const ours =
      new URL(uploadUrl).origin === new URL(this.base).origin ||
      /\.linkedin\.com$/.test(new URL(uploadUrl).hostname);
    return this.call('PUT', uploadUrl, parseNothing, { rest: false, raw: { bytes, mimeType }, bearer: ours });
  }

  imageStatus(urn: string): Promise<LinkedInResult<string>> {
    return this.call('GET', `${this.base}/rest/images/${encodeURIComponent(urn)}`, parseStatus);
  }

  createPost(body: Record<string, unknown>): Promise<LinkedInResult<string>> {
    return this.call('POST', `${this.base}/rest/posts`, parseCreated, { json: body });
  }

  deletePost(urn: string): Promise<LinkedInResult<null>> {
    return this.call('DELETE', `${this.base}/rest/posts/${encodeURIComponent(urn)}`, parseNothing, {
      headers: { 'x-restli-method': 'DELETE' },
    });
  }

  /** POST /rest/socialActions/{target}/comments: the target is the post, or the comment replied to. */
  createComment(target: string, body: Record<string, unknown>): Promise<LinkedInResult<LinkedInComment>> {
    return this.call(
      'POST',
      `${this.base}/rest/socialActions/${encodeURIComponent(target)}/comments`,
      commentOf,
      {
        json: body,
      },
    );
  }

  /** First-level comments on a post (or replies of a comment), `count` from `start`. */
  comments(target: string, start: number, count: number): Promise<LinkedInResult<CommentPage>> {
    const url = `${this.base}/rest/socialActions/${encodeURIComponent(target)}/comments?start=${start}&count=${count}`;
    return this.call('GET', url, parseComments(start));
  }

  /** DELETE /rest/socialActions/{target}/comments/{id}?actor=…: 204. */
  deleteComment(target: string, id: string, actor: string): Promise<LinkedInResult<null>> {
    const url = `${this.base}/rest/socialActions/${encodeURIComponent(target)}/comments/${encodeURIComponent(id)}?actor=${encodeURIComponent(actor)}`;
    return this.call('DELETE', url, parseNothing, { headers: { 'x-restli-method': 'DELETE' } });
  }

  private async call<T>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    parse: Parser<T>,
    input: {
      json?: unknown;
      raw?: { bytes: Uint8Array<ArrayBuffer>; mimeType: string };
      rest?: boolean;
      bearer?: boolean;
      headers?: Record<string, string>;
    } = {},
  ): Promise<LinkedInResult<T>> {
    const headers: Record<string, string> = { ...input.headers };
    if (input.bearer !== false) headers.authorization = `Bearer ${this.token}`;
    if (input.rest !== false) {
      headers['linkedin-version'] = this.version;
      headers['x-restli-protocol-version'] = '2.0.0';
    }
    let body: BodyInit | undefined;
    if (input.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(input.json);
    } else if (input.raw) {
      headers['content-type'] = input.raw.mimeType;
      body = input.raw.bytes;
    }
    let response: Response;
    let payload: unknown;
    try {
      response = await this.fetchFn(url, { method, headers, body, signal: this.signal });
      payload = await readJson(response);
    } catch (error) {
      return networkFailure(error);
    }
    if (!response.ok) {
      return { ok: false, failure: errorOf(response.status, payload, response.headers, response.statusText) };
    }
    const value = parse(payload, response.headers);
    if (value === undefined) {
      const message = `unexpected ${method} ${new URL(url).pathname} response`;
      return { ok: false, failure: errorOf(response.status, undefined, response.headers, message) };
    }
    return { ok: true, value, headers: response.headers };
  }
}
