import { isObject, type NetworkFailure, networkFailure } from '../shared/wire.ts';
/**
 * A minimal XRPC client for the few PDS methods Herald calls. It never throws for a
 * network's answer: every failure comes back as data, so the error table decides.
 */

export interface Session {
  accessJwt: string;
  refreshJwt: string;
  did: string;
  handle: string;
}

export interface RecordRef {
  uri: string;
  cid: string;
}

export interface StoredRecord extends RecordRef {
  value: Record<string, unknown>;
}

/** A blob reference exactly as the PDS returned it, to embed unchanged in a record. */
export type BlobRef = Record<string, unknown> & { $type: 'blob'; mimeType: string; size: number };

/** The PDS answered with an error status; `error` is the XRPC error name when the body had one. */
export interface XrpcError {
  kind: 'xrpc';
  status: number;
  error?: string;
  message: string;
  headers: Headers;
}

export type { NetworkFailure } from '../shared/wire.ts';

export type XrpcFailure = XrpcError | NetworkFailure;
export type Failed = { ok: false; failure: XrpcFailure };
export type XrpcResult<T> = { ok: true; value: T; headers: Headers } | Failed;

export interface RecordKey {
  repo: string;
  collection: string;
  rkey: string;
}

type Parser<T> = (body: unknown) => T | undefined;

function strings<K extends string>(body: unknown, keys: readonly K[]): Record<K, string> | undefined {
  if (!isObject(body)) return undefined;
  const out: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const value = body[key];
    if (typeof value !== 'string') return undefined;
    out[key] = value;
  }
  return out as Record<K, string>;
}

const parseSession: Parser<Session> = (body) => strings(body, ['accessJwt', 'refreshJwt', 'did', 'handle']);
const parseRef: Parser<RecordRef> = (body) => strings(body, ['uri', 'cid']);
const parseRecord: Parser<StoredRecord> = (body) => {
  const ref = strings(body, ['uri', 'cid']);
  return ref && isObject(body) && isObject(body.value) ? { ...ref, value: body.value } : undefined;
};
const parseBlob: Parser<BlobRef> = (body) => {
  const blob = isObject(body) ? body.blob : undefined;
  if (!isObject(blob) || blob.$type !== 'blob') return undefined;
  const { mimeType, size } = blob;
  return typeof mimeType === 'string' && typeof size === 'number'
    ? { ...blob, $type: 'blob', mimeType, size }
    : undefined;
};
const parseNothing: Parser<null> = () => null;
const parseObject: Parser<Record<string, unknown>> = (body) => (isObject(body) ? body : undefined);

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // A proxy's HTML error page, for instance: the status alone will classify it.
    return undefined;
  }
}

export class XrpcClient {
  private readonly base: string;
  private readonly fetchFn: typeof fetch;
  private readonly signal: AbortSignal | undefined;

  constructor(service: string, fetchFn: typeof fetch, signal?: AbortSignal) {
    this.base = service.replace(/\/+$/, '');
    this.fetchFn = fetchFn;
    this.signal = signal;
  }

  createSession(identifier: string, password: string): Promise<XrpcResult<Session>> {
    return this.call('POST', 'com.atproto.server.createSession', parseSession, {
      json: { identifier, password },
    });
  }

  /** Trades the refresh token for a new pair; the PDS rotates the refresh token. */
  refreshSession(refreshJwt: string): Promise<XrpcResult<Session>> {
    return this.call('POST', 'com.atproto.server.refreshSession', parseSession, { token: refreshJwt });
  }

  uploadBlob(
    accessJwt: string,
    bytes: Uint8Array<ArrayBuffer>,
    mimeType: string,
  ): Promise<XrpcResult<BlobRef>> {
    return this.call('POST', 'com.atproto.repo.uploadBlob', parseBlob, {
      token: accessJwt,
      raw: { bytes, mimeType },
    });
  }

  /** `swapRecord: null` makes the write create-only: an existing record is never overwritten. */
  putRecord(
    accessJwt: string,
    key: RecordKey & { record: Record<string, unknown>; swapRecord: null },
  ): Promise<XrpcResult<RecordRef>> {
    return this.call('POST', 'com.atproto.repo.putRecord', parseRef, { token: accessJwt, json: key });
  }

  getRecord(key: RecordKey): Promise<XrpcResult<StoredRecord>> {
    return this.call('GET', 'com.atproto.repo.getRecord', parseRecord, { query: { ...key } });
  }

  /** An authenticated XRPC query answered whole (app.bsky.* reads the PDS proxies to the AppView). */
  query(
    accessJwt: string,
    nsid: string,
    params: Record<string, string>,
  ): Promise<XrpcResult<Record<string, unknown>>> {
    return this.call('GET', nsid, parseObject, { token: accessJwt, query: params });
  }

  /**
   * A post and its replies (`app.bsky.feed.getPostThread`): an AppView method, which the
   * account's PDS serves by proxying to its AppView with the account's authority.
   */
  getPostThread(accessJwt: string, uri: string, depth: number): Promise<XrpcResult<Record<string, unknown>>> {
    return this.call('GET', 'app.bsky.feed.getPostThread', parseObject, {
      token: accessJwt,
      query: { uri, depth: String(depth), parentHeight: '0' },
    });
  }

  deleteRecord(accessJwt: string, key: RecordKey): Promise<XrpcResult<null>> {
    return this.call('POST', 'com.atproto.repo.deleteRecord', parseNothing, { token: accessJwt, json: key });
  }

  private async call<T>(
    method: 'GET' | 'POST',
    nsid: string,
    parse: Parser<T>,
    input: {
      token?: string;
      json?: unknown;
      raw?: { bytes: Uint8Array<ArrayBuffer>; mimeType: string };
      query?: Record<string, string>;
    },
  ): Promise<XrpcResult<T>> {
    const query = new URLSearchParams(input.query).toString();
    const url = `${this.base}/xrpc/${nsid}${query ? `?${query}` : ''}`;
    const headers: Record<string, string> = {};
    if (input.token) headers.authorization = `Bearer ${input.token}`;
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
      const named = isObject(payload) ? payload : {};
      const failure: XrpcError = {
        kind: 'xrpc',
        status: response.status,
        message: typeof named.message === 'string' ? named.message : response.statusText || 'no error body',
        headers: response.headers,
      };
      if (typeof named.error === 'string') failure.error = named.error;
      return { ok: false, failure };
    }
    const value = parse(payload);
    if (value === undefined) {
      const message = `unexpected ${nsid} response body`;
      return {
        ok: false,
        failure: { kind: 'xrpc', status: response.status, message, headers: response.headers },
      };
    }
    return { ok: true, value, headers: response.headers };
  }
}
