import type { GoogleAccessToken } from '../shared/google-token.ts';
import { type GmbResult, googleErrorOf, isObject, networkFailure, readJson } from './wire.ts';

/**
 * The Business Profile API v4 calls Herald makes (platform-apis.md §14) over the fetch
 * the core hands in. A 401 is answered by refreshing the Google token once per attempt
 * and sending the same request again: Google refused it, so nothing was created.
 */

export interface LocalPost {
  /** `accounts/{a}/locations/{l}/localPosts/{p}`: Herald's id for the post. */
  name: string;
  state?: string;
  searchUrl?: string;
}

/** `accounts/{a}/locations/{l}`, segments as Google writes them: nothing a path could escape with. */
export const LOCATION_NAME = /^accounts\/[A-Za-z0-9_-]+\/locations\/[A-Za-z0-9_-]+$/;
export const POST_NAME = /^accounts\/[A-Za-z0-9_-]+\/locations\/[A-Za-z0-9_-]+\/localPosts\/[A-Za-z0-9_-]+$/;

type Parser<T> = (body: unknown) => T | undefined;

const parsePost: Parser<LocalPost> = (body) => {
  if (!isObject(body) || typeof body.name !== 'string' || !POST_NAME.test(body.name)) return undefined;
  const post: LocalPost = { name: body.name };
  if (typeof body.state === 'string') post.state = body.state;
  if (typeof body.searchUrl === 'string') post.searchUrl = body.searchUrl;
  return post;
};
// An empty list answers `{}`: any object will do.
const parseList: Parser<null> = (body) => (body === undefined || isObject(body) ? null : undefined);
const parseNothing: Parser<null> = () => null;

export class GmbClient {
  private readonly api: string;

  constructor(
    baseUrl: string,
    version: string,
    private readonly token: GoogleAccessToken,
    private readonly fetchFn: typeof fetch,
    private readonly signal?: AbortSignal,
  ) {
    this.api = `${baseUrl.replace(/\/+$/, '')}/${version}`;
  }

  /** The token in use: a refresh within this attempt replaces the stored one. */
  get accessToken(): string {
    return this.token.accessToken;
  }

  /** The link-time check: the reference documents no location lookup, so one page of one post. */
  listPosts(location: string): Promise<GmbResult<null>> {
    return this.call('GET', `/${location}/localPosts?pageSize=1`, parseList);
  }

  createPost(location: string, body: Record<string, unknown>): Promise<GmbResult<LocalPost>> {
    return this.call('POST', `/${location}/localPosts`, parsePost, body);
  }

  /** A read (or a report, which Google asks for by POST) answered whole; `path` carries its query. */
  request(method: 'GET' | 'POST', path: string, json?: unknown): Promise<GmbResult<Record<string, unknown>>> {
    // An empty answer (`{}` or nothing: an empty list) is an empty object.
    return this.call(
      method,
      path,
      (body) => (body === undefined ? {} : isObject(body) ? body : undefined),
      json,
    );
  }

  /** `DELETE …/localPosts/{id}` → `{}`. */
  deletePost(name: string): Promise<GmbResult<null>> {
    return this.call('DELETE', `/${name}`, parseNothing);
  }

  private async call<T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    parse: Parser<T>,
    json?: unknown,
  ): Promise<GmbResult<T>> {
    let sent = await this.once(method, path, json);
    if (sent.ok && sent.response.status === 401 && this.token.canRenew()) {
      await sent.response.body?.cancel();
      const renewed = await this.token.renew();
      if (!renewed.ok) {
        const { refusal } = renewed;
        // The request itself was refused (401): whatever the token endpoint did, nothing was created.
        if (refusal.kind === 'unreachable') {
          const { failure } = networkFailure(refusal.thrown);
          return { ok: false, failure: { ...failure, mayHaveArrived: false } };
        }
        const body = { error: refusal.error, error_description: refusal.description };
        return { ok: false, failure: googleErrorOf(refusal.status, body, refusal.description) };
      }
      sent = await this.once(method, path, json);
    }
    if (!sent.ok) return sent;
    const { response } = sent;
    let payload: unknown;
    try {
      payload = await readJson(response);
    } catch (error) {
      return networkFailure(error);
    }
    if (!response.ok) {
      return { ok: false, failure: googleErrorOf(response.status, payload, `HTTP ${response.status}`) };
    }
    const value = parse(payload);
    if (value === undefined) {
      // A 2xx without what Herald reads: the request was handled, its result is unknown.
      const message = `unexpected answer to ${method} ${path.split('?')[0]?.split('/').at(-1)}`;
      return { ok: false, failure: googleErrorOf(response.status, undefined, message) };
    }
    return { ok: true, value };
  }

  private async once(
    method: string,
    path: string,
    json: unknown,
  ): Promise<{ ok: true; response: Response } | ReturnType<typeof networkFailure>> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token.accessToken}` };
    if (json !== undefined) headers['content-type'] = 'application/json; charset=UTF-8';
    try {
      const response = await this.fetchFn(`${this.api}${path}`, {
        method,
        headers,
        body: json === undefined ? undefined : JSON.stringify(json),
        signal: this.signal,
      });
      return { ok: true, response };
    } catch (error) {
      return networkFailure(error);
    }
  }
}
