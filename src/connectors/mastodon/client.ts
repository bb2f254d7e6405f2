import { URL_REFUSED } from '../../media/api-fetch.ts';
import { errorOf, isObject, type MastodonResult, networkFailure, readJson } from './wire.ts';

/**
 * The Mastodon calls Herald makes, against one instance with one bearer token. The
 * fetch given is the SSRF-safe one (`ctx.fetchUserServer`): the instance is a URL the
 * user typed. The token goes only in the Authorization header, never in a URL.
 */

export interface MastodonAccount {
  id: string;
  username: string;
  displayName: string;
  url?: string;
}

export interface MediaAttachment {
  id: string;
  /** Null while the instance is still processing the file (202 / 206). */
  url: string | null;
}

export interface MastodonStatus {
  id: string;
  url?: string;
}

type Parser<T> = (body: unknown) => T | undefined;

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

const parseAccount: Parser<MastodonAccount> = (body) => {
  if (!isObject(body)) return undefined;
  const id = str(body.id);
  const username = str(body.username);
  if (!id || !username) return undefined;
  const url = str(body.url);
  return { id, username, displayName: str(body.display_name) ?? username, ...(url ? { url } : {}) };
};
const parseMedia: Parser<MediaAttachment> = (body) => {
  if (!isObject(body)) return undefined;
  const id = str(body.id);
  return id ? { id, url: str(body.url) ?? null } : undefined;
};
const parseStatus: Parser<MastodonStatus> = (body) => {
  if (!isObject(body)) return undefined;
  const id = str(body.id);
  const url = str(body.url);
  return id ? { id, ...(url ? { url } : {}) } : undefined;
};
const parseAnything: Parser<null> = () => null;

export class MastodonClient {
  constructor(
    private readonly instance: string,
    private readonly token: string,
    private readonly fetchFn: typeof fetch,
    private readonly signal?: AbortSignal,
  ) {}

  /** A GET answered whole (a status, an account, a list of statuses); `path` carries its query. */
  read(path: string): Promise<MastodonResult<unknown>> {
    return this.call('GET', path, (body) => body);
  }

  /** The identity call (scope `read:accounts` or `profile`). */
  verifyCredentials(): Promise<MastodonResult<MastodonAccount>> {
    return this.call('GET', '/api/v1/accounts/verify_credentials', parseAccount);
  }

  /** 200: processed; 202: accepted, `url` null until processing ends (poll `media`). */
  uploadMedia(file: Blob, filename: string, description?: string): Promise<MastodonResult<MediaAttachment>> {
    const form = new FormData();
    form.append('file', file, filename);
    if (description) form.append('description', description);
    return this.call('POST', '/api/v2/media', parseMedia, { body: form });
  }

  /** 206 while processing, 200 once ready. */
  media(id: string): Promise<MastodonResult<MediaAttachment>> {
    return this.call('GET', `/api/v1/media/${encodeURIComponent(id)}`, parseMedia);
  }

  /**
   * Within an hour, the instance answers a repeat of the same Idempotency-Key with the
   * status it created the first time, never a second one.
   */
  postStatus(body: Record<string, unknown>, idempotencyKey: string): Promise<MastodonResult<MastodonStatus>> {
    return this.call('POST', '/api/v1/statuses', parseStatus, {
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
    });
  }

  /** A status's thread: `{ancestors: Status[], descendants: Status[]}` (replies at any depth). */
  context(id: string): Promise<MastodonResult<Record<string, unknown>>> {
    return this.call('GET', `/api/v1/statuses/${encodeURIComponent(id)}/context`, (body) =>
      isObject(body) ? body : undefined,
    );
  }

  deleteStatus(id: string): Promise<MastodonResult<null>> {
    return this.call('DELETE', `/api/v1/statuses/${encodeURIComponent(id)}`, parseAnything);
  }

  private async call<T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    parse: Parser<T>,
    input: { body?: BodyInit; headers?: Record<string, string> } = {},
  ): Promise<MastodonResult<T>> {
    const headers = { ...input.headers, authorization: `Bearer ${this.token}`, accept: 'application/json' };
    let response: Response;
    let payload: unknown;
    try {
      response = await this.fetchFn(`${this.instance}${path}`, {
        method,
        headers,
        ...(input.body === undefined ? {} : { body: input.body }),
        ...(this.signal ? { signal: this.signal } : {}),
      });
      payload = await readJson(response);
    } catch (error) {
      // The SSRF guard refused the instance's address: certainly nothing was sent.
      if ((error as { code?: unknown }).code === URL_REFUSED) {
        return { ok: false, failure: { kind: 'refused', reason: (error as Error).message } };
      }
      return networkFailure(error);
    }
    if (response.status < 200 || response.status >= 300) {
      return {
        ok: false,
        failure: errorOf(response.status, payload, response.headers, 'no error body'),
      };
    }
    const value = parse(payload);
    if (value === undefined) {
      const message = `unexpected ${method} ${path.split('/').slice(0, 4).join('/')} response`;
      return { ok: false, failure: errorOf(response.status, undefined, response.headers, message) };
    }
    return { ok: true, value, status: response.status, headers: response.headers };
  }
}
