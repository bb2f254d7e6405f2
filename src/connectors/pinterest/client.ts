import { errorOf, isObject, networkFailure, type PinterestResult, readJson } from './wire.ts';

/**
 * The Pinterest API v5 calls Herald makes (platform-apis.md §12). The bearer token goes
 * to the API only: the video upload URL is a storage host, and gets none.
 */

export interface UserAccount {
  id?: string;
  username: string;
  businessName?: string;
}

export interface Board {
  id: string;
  name: string;
}

export interface MediaUpload {
  mediaId: string;
  uploadUrl: string;
  uploadParameters: Record<string, string>;
}

type Parser<T> = (body: unknown) => T | undefined;

function str(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

const parseUser: Parser<UserAccount> = (body) => {
  if (!isObject(body)) return undefined;
  const username = str(body.username);
  if (!username) return undefined;
  const id = str(body.id);
  const businessName = str(body.business_name);
  return { username, ...(id ? { id } : {}), ...(businessName ? { businessName } : {}) };
};
const parseBoard: Parser<Board> = (body) => {
  if (!isObject(body)) return undefined;
  const id = str(body.id);
  return id ? { id, name: str(body.name) ?? id } : undefined;
};
const parseId: Parser<string> = (body) => (isObject(body) ? str(body.id) : undefined);
const parseUpload: Parser<MediaUpload> = (body) => {
  if (!isObject(body)) return undefined;
  const mediaId = str(body.media_id);
  const uploadUrl = str(body.upload_url);
  if (!mediaId || !uploadUrl) return undefined;
  const given = isObject(body.upload_parameters) ? body.upload_parameters : {};
  const uploadParameters = Object.fromEntries(
    Object.entries(given).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  return { mediaId, uploadUrl, uploadParameters };
};
const parseStatus: Parser<string> = (body) => (isObject(body) ? str(body.status) : undefined);
const parseNothing: Parser<null> = () => null;

export class PinterestClient {
  private readonly api: string;

  constructor(
    baseUrl: string,
    version: string,
    private readonly token: string,
    private readonly fetchFn: typeof fetch,
    private readonly signal?: AbortSignal,
  ) {
    this.api = `${baseUrl.replace(/\/+$/, '')}/${version}`;
  }

  /** A GET answered whole (a Pin, its analytics, a list); `path` carries its query. */
  read(path: string): Promise<PinterestResult<Record<string, unknown>>> {
    return this.call('GET', path, (body) => (isObject(body) ? body : undefined));
  }

  userAccount(): Promise<PinterestResult<UserAccount>> {
    return this.call('GET', '/user_account', parseUser);
  }

  board(id: string): Promise<PinterestResult<Board>> {
    return this.call('GET', `/boards/${encodeURIComponent(id)}`, parseBoard);
  }

  /** 201 with the Pin; its `id` is all Herald keeps. */
  createPin(body: Record<string, unknown>): Promise<PinterestResult<string>> {
    return this.call('POST', '/pins', parseId, body);
  }

  deletePin(id: string): Promise<PinterestResult<null>> {
    return this.call('DELETE', `/pins/${encodeURIComponent(id)}`, parseNothing);
  }

  registerVideo(): Promise<PinterestResult<MediaUpload>> {
    return this.call('POST', '/media', parseUpload, { media_type: 'video' });
  }

  mediaStatus(id: string): Promise<PinterestResult<string>> {
    return this.call('GET', `/media/${encodeURIComponent(id)}`, parseStatus);
  }

  /**
   * The multipart form to the storage URL Pinterest gave: its `upload_parameters` as
   * fields, then the file last (a POST policy ignores fields after the file).
   */
  async upload(
    upload: MediaUpload,
    bytes: Uint8Array<ArrayBuffer>,
    mimeType: string,
  ): Promise<PinterestResult<null>> {
    const form = new FormData();
    for (const [name, value] of Object.entries(upload.uploadParameters)) form.append(name, value);
    form.append('file', new Blob([bytes], { type: mimeType }), 'video');
    try {
      const response = await this.fetchFn(upload.uploadUrl, {
        method: 'POST',
        body: form,
        signal: this.signal,
      });
      const text = await response.text();
      if (response.ok) return { ok: true, value: null };
      // Storage answers in XML: the status and its first words are what there is to say.
      const message = `upload refused: HTTP ${response.status} ${text.slice(0, 200)}`.trim();
      return { ok: false, failure: errorOf(response.status, undefined, response.headers, message) };
    } catch (error) {
      return networkFailure(error);
    }
  }

  private async call<T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    parse: Parser<T>,
    json?: unknown,
  ): Promise<PinterestResult<T>> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    if (json !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    let payload: unknown;
    try {
      response = await this.fetchFn(`${this.api}${path}`, {
        method,
        headers,
        body: json === undefined ? undefined : JSON.stringify(json),
        signal: this.signal,
      });
      payload = await readJson(response);
    } catch (error) {
      return networkFailure(error);
    }
    if (!response.ok) {
      return { ok: false, failure: errorOf(response.status, payload, response.headers, response.statusText) };
    }
    const value = parse(payload);
    if (value === undefined) {
      const message = `unexpected ${method} ${path.split('/')[1]} response`;
      return { ok: false, failure: errorOf(response.status, undefined, response.headers, message) };
    }
    return { ok: true, value };
  }
}
