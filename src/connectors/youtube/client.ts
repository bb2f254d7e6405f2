import { isZeroQuota } from '../shared/google-quota.ts';
import { isRequestNotBuilt, RequestNotBuiltError } from '../shared/wire.ts';

/**
 * The few YouTube Data API calls Herald makes, over the fetch the core hands in.
 * It never throws for an answer: every failure comes back as data for the error table.
 */

/** Google's error body: `{error: {code, message, status?, errors: [{reason, domain}], details?}}`. */
export interface ApiFailure {
  kind: 'api';
  status: number;
  reason?: string;
  domain?: string;
  /** Google's canonical status name (`RESOURCE_EXHAUSTED`, `DEADLINE_EXCEEDED`). */
  grpcStatus?: string;
  message: string;
  /** An ErrorInfo with a quota limit of 0: the Cloud project is not approved for the API. */
  zeroQuota?: boolean;
}

/** No HTTP answer. `codes` are Node's error codes from the error and its causes (`ECONNRESET`). */
export interface NetworkFailure {
  kind: 'network';
  codes: string[];
  reason: string;
}

export type Failure = ApiFailure | NetworkFailure;
export type Result<T> = { ok: true; value: T } | { ok: false; failure: Failure };

export interface Channel {
  id: string;
  title: string;
  customUrl?: string;
}

export interface Video {
  id: string;
  privacyStatus?: string;
}

/** A video's snippet and status parts, as videos.list answers and videos.update takes them. */
export interface VideoParts {
  id: string;
  snippet: Record<string, unknown>;
  status: Record<string, unknown>;
}

/** Where a resumable upload stands: bytes the server holds, or the finished video. */
export type UploadState =
  | { kind: 'incomplete'; received: number }
  | { kind: 'done'; video: Video }
  | { kind: 'expired' };

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Node's string error codes of an error, its causes and aggregated errors. */
export function errorCodes(error: unknown): string[] {
  if (!isObject(error) && !(error instanceof Error)) return [];
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof code === 'string' ? [code] : [];
  const nested = Array.isArray(errors) ? errors.flatMap(errorCodes) : [];
  return [...own, ...nested, ...(cause === undefined ? [] : errorCodes(cause))];
}

export function networkFailure(error: unknown): { ok: false; failure: NetworkFailure } {
  // A request fetch could not build is not a network failure (shared/wire.ts): thrown again.
  if (isRequestNotBuilt(error)) throw new RequestNotBuiltError();
  const reason = error instanceof Error ? error.message : String(error);
  return { ok: false, failure: { kind: 'network', codes: errorCodes(error), reason } };
}

export async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // An HTML error page from a proxy: the status alone classifies it.
    return undefined;
  }
}

export async function apiFailure(response: Response): Promise<ApiFailure> {
  const body = await readJson(response);
  const error = isObject(body) && isObject(body.error) ? body.error : {};
  const first = Array.isArray(error.errors) && isObject(error.errors[0]) ? error.errors[0] : {};
  const failure: ApiFailure = {
    kind: 'api',
    status: response.status,
    message: typeof error.message === 'string' ? error.message : response.statusText || 'no error body',
  };
  if (typeof first.reason === 'string') failure.reason = first.reason;
  if (typeof first.domain === 'string') failure.domain = first.domain;
  if (typeof error.status === 'string') failure.grpcStatus = error.status;
  if (isZeroQuota(error.details)) failure.zeroQuota = true;
  return failure;
}

export function parseVideo(body: unknown): Video | undefined {
  if (!isObject(body) || typeof body.id !== 'string') return undefined;
  const status = isObject(body.status) ? body.status : {};
  return typeof status.privacyStatus === 'string'
    ? { id: body.id, privacyStatus: status.privacyStatus }
    : { id: body.id };
}

/** `Range: bytes=0-N` of a 308: N + 1 bytes are stored; no header means none. */
export function receivedOf(headers: Headers): number {
  const match = /^bytes=0-(\d+)$/.exec(headers.get('range') ?? '');
  return match ? Number(match[1]) + 1 : 0;
}

/** The access token of an attempt, renewable once when Google says it expired. */
export interface Auth {
  readonly accessToken: string;
  canRenew(): boolean;
  renew(): Promise<{ ok: true } | { ok: false; failure: Failure }>;
}

type Sent = { ok: true; response: Response } | { ok: false; failure: Failure };

export class YouTubeClient {
  readonly api: string;
  readonly upload: string;
  private readonly auth: Auth;
  private readonly fetchFn: typeof fetch;
  private readonly signal: AbortSignal | undefined;

  constructor(base: string, version: string, auth: Auth, fetchFn: typeof fetch, signal?: AbortSignal) {
    const root = base.replace(/\/+$/, '');
    this.api = `${root}/youtube/${version}`;
    this.upload = `${root}/upload/youtube/${version}`;
    this.auth = auth;
    this.fetchFn = fetchFn;
    this.signal = signal;
  }

  /** The token in use: a refresh within this attempt replaces the stored one. */
  get accessToken(): string {
    return this.auth.accessToken;
  }

  /**
   * One call; a 401 authError (expired token) is refreshed and the same request sent
   * again, so an upload session's chunk is re-sent, never the session reopened.
   */
  async send(url: string, init: RequestInit & { headers?: Record<string, string> }): Promise<Sent> {
    const first = await this.once(url, init);
    if (!first.ok || first.response.status !== 401 || !this.auth.canRenew()) return first;
    // Read from a copy: when no refresh follows, the caller reads the original.
    const failure = await apiFailure(first.response.clone());
    if (failure.reason !== 'authError') return first;
    const renewed = await this.auth.renew();
    if (!renewed.ok) {
      await first.response.body?.cancel();
      return renewed;
    }
    await first.response.body?.cancel();
    return this.once(url, init);
  }

  private async once(url: string, init: RequestInit & { headers?: Record<string, string> }): Promise<Sent> {
    try {
      const headers = { authorization: `Bearer ${this.auth.accessToken}`, ...init.headers };
      const response = await this.fetchFn(url, { ...init, headers, signal: this.signal });
      return { ok: true as const, response };
    } catch (error) {
      return networkFailure(error);
    }
  }

  /** A GET answered whole (a list, a report), the token refreshed once on authError. */
  async read(url: string): Promise<Result<Record<string, unknown>>> {
    const sent = await this.send(url, { method: 'GET' });
    if (!sent.ok) return sent;
    if (!sent.response.ok) return { ok: false, failure: await apiFailure(sent.response) };
    const body = await readJson(sent.response);
    return { ok: true, value: isObject(body) ? body : {} };
  }

  async channel(): Promise<Result<Channel | undefined>> {
    const sent = await this.send(`${this.api}/channels?part=snippet&mine=true`, { method: 'GET' });
    if (!sent.ok) return sent;
    if (!sent.response.ok) return { ok: false, failure: await apiFailure(sent.response) };
    const body = await readJson(sent.response);
    const item = isObject(body) && Array.isArray(body.items) ? body.items[0] : undefined;
    if (!isObject(item) || typeof item.id !== 'string') return { ok: true, value: undefined };
    const snippet = isObject(item.snippet) ? item.snippet : {};
    const channel: Channel = {
      id: item.id,
      title: typeof snippet.title === 'string' ? snippet.title : item.id,
    };
    if (typeof snippet.customUrl === 'string') channel.customUrl = snippet.customUrl;
    return { ok: true, value: channel };
  }

  /** Expects 204; a video that is already gone counts as deleted (a repeated delete is harmless). */
  async deleteVideo(id: string): Promise<Result<null>> {
    const sent = await this.send(`${this.api}/videos?id=${encodeURIComponent(id)}`, { method: 'DELETE' });
    if (!sent.ok) return sent;
    if (sent.response.ok || sent.response.status === 404) {
      await sent.response.body?.cancel();
      return { ok: true, value: null };
    }
    return { ok: false, failure: await apiFailure(sent.response) };
  }

  /**
   * videos.list of one video with its snippet and status, as YouTube holds them now;
   * undefined when YouTube lists no such video (deleted, or not this channel's).
   */
  async getVideo(id: string): Promise<Result<VideoParts | undefined>> {
    const url = `${this.api}/videos?part=snippet%2Cstatus&id=${encodeURIComponent(id)}`;
    const sent = await this.send(url, { method: 'GET' });
    if (!sent.ok) return sent;
    if (!sent.response.ok) return { ok: false, failure: await apiFailure(sent.response) };
    const body = await readJson(sent.response);
    const item = isObject(body) && Array.isArray(body.items) ? body.items[0] : undefined;
    if (!isObject(item) || typeof item.id !== 'string') return { ok: true, value: undefined };
    return {
      ok: true,
      value: {
        id: item.id,
        snippet: isObject(item.snippet) ? item.snippet : {},
        status: isObject(item.status) ? item.status : {},
      },
    };
  }

  /**
   * videos.update of the snippet and status parts. YouTube replaces every writable
   * property of a part it is sent: what the body leaves out is erased, so callers send
   * the whole parts (read first with getVideo).
   */
  async updateVideo(video: VideoParts): Promise<Result<VideoParts>> {
    const sent = await this.send(`${this.api}/videos?part=snippet%2Cstatus`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json; charset=UTF-8' },
      body: JSON.stringify(video),
    });
    if (!sent.ok) return sent;
    if (!sent.response.ok) return { ok: false, failure: await apiFailure(sent.response) };
    const body = await readJson(sent.response);
    if (!isObject(body) || typeof body.id !== 'string') return { ok: true, value: video };
    return {
      ok: true,
      value: {
        id: body.id,
        snippet: isObject(body.snippet) ? body.snippet : video.snippet,
        status: isObject(body.status) ? body.status : video.status,
      },
    };
  }

  async addToPlaylist(playlistId: string, videoId: string): Promise<Result<null>> {
    const sent = await this.send(`${this.api}/playlistItems?part=snippet`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=UTF-8' },
      body: JSON.stringify({ snippet: { playlistId, resourceId: { kind: 'youtube#video', videoId } } }),
    });
    if (!sent.ok) return sent;
    if (!sent.response.ok) return { ok: false, failure: await apiFailure(sent.response) };
    await sent.response.body?.cancel();
    return { ok: true, value: null };
  }

  async setThumbnail(videoId: string, bytes: Uint8Array<ArrayBuffer>, type: string): Promise<Result<null>> {
    const url = `${this.upload}/thumbnails/set?videoId=${encodeURIComponent(videoId)}`;
    const sent = await this.send(url, { method: 'POST', headers: { 'content-type': type }, body: bytes });
    if (!sent.ok) return sent;
    if (!sent.response.ok) return { ok: false, failure: await apiFailure(sent.response) };
    await sent.response.body?.cancel();
    return { ok: true, value: null };
  }
}
