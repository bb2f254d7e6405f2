import { isRequestNotBuilt, RequestNotBuiltError } from '../shared/wire.ts';

/**
 * TikTok's Content Posting API over the fetch the core hands in. Every answer
 * carries `error`, success included (`"code": "ok"`): the body decides, then the
 * status. Nothing here throws for an answer; failures come back as data.
 */

export interface ApiFailure {
  kind: 'api';
  status: number;
  /** TikTok's `error.code` (`access_token_invalid`, `spam_risk_too_many_posts`). */
  code?: string;
  message: string;
  logId?: string;
}

/** No answer. `codes` are Node's error codes of the error and its causes. */
export interface NetworkFailure {
  kind: 'network';
  codes: string[];
  reason: string;
}

export type Failure = ApiFailure | NetworkFailure;
export type Result<T> = { ok: true; value: T } | { ok: false; failure: Failure };

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorCodes(error: unknown): string[] {
  if (!isObject(error) && !(error instanceof Error)) return [];
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  return [...(typeof code === 'string' ? [code] : []), ...(cause === undefined ? [] : errorCodes(cause))];
}

export function networkFailure(error: unknown): { ok: false; failure: NetworkFailure } {
  // A request fetch could not build is not a network failure (shared/wire.ts): thrown again.
  if (isRequestNotBuilt(error)) throw new RequestNotBuiltError();
  const reason = error instanceof Error ? error.message : String(error);
  return { ok: false, failure: { kind: 'network', codes: errorCodes(error), reason } };
}

/**
 * Integers of 16 digits or more outside strings become strings before parsing:
 * TikTok sends video ids (`publicaly_available_post_id: [7123…]`) as JSON numbers
 * larger than 2^53, which JSON.parse would silently round.
 */
export function quoteBigIntegers(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charAt(i);
    if (inString) {
      out += ch;
      if (ch === '\\') {
        out += text.charAt(i + 1);
        i += 1;
      } else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    const digits = /^-?\d{16,}(?![.eE\d])/.exec(text.slice(i, i + 40));
    if (!inString && digits && !/[\d.]/.test(text.charAt(i - 1))) {
      out += `"${digits[0]}"`;
      i += digits[0].length - 1;
      continue;
    }
    out += ch;
  }
  return out;
}

export async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(quoteBigIntegers(text));
  } catch {
    // Not JSON (a proxy's error page): the status alone classifies it.
    return undefined;
  }
}

/** `{data, error: {code, message, log_id}}`: `data` when `error.code` is "ok", else the failure. */
export function envelopeOf(status: number, body: unknown): Result<Record<string, unknown>> {
  const error = isObject(body) && isObject(body.error) ? body.error : undefined;
  if (error?.code === 'ok')
    return { ok: true, value: isObject(body) && isObject(body.data) ? body.data : {} };
  const failure: ApiFailure = {
    kind: 'api',
    status,
    message: typeof error?.message === 'string' && error.message !== '' ? error.message : `HTTP ${status}`,
  };
  if (typeof error?.code === 'string') failure.code = error.code;
  if (typeof error?.log_id === 'string') failure.logId = error.log_id;
  return { ok: false, failure };
}

export class TikTokClient {
  readonly api: string;
  private readonly fetchFn: typeof fetch;
  private readonly signal: AbortSignal | undefined;

  constructor(base: string, version: string, fetchFn: typeof fetch, signal?: AbortSignal) {
    this.api = `${base.replace(/\/+$/, '')}/${version}`;
    this.fetchFn = fetchFn;
    this.signal = signal;
  }

  async call(
    token: string,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<Result<Record<string, unknown>>> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (method === 'POST') headers['content-type'] = 'application/json; charset=UTF-8';
    let response: Response;
    let payload: unknown;
    try {
      const init: RequestInit = { method, headers, signal: this.signal };
      if (body !== undefined) init.body = JSON.stringify(body);
      response = await this.fetchFn(`${this.api}${path}`, init);
      payload = await readJson(response);
    } catch (error) {
      return networkFailure(error);
    }
    return envelopeOf(response.status, payload);
  }

  /** One chunk to the upload URL: 206 while partial, 201 once TikTok has the whole file. */
  async putChunk(
    uploadUrl: string,
    chunk: { bytes: Uint8Array<ArrayBuffer>; start: number; total: number; type: string },
  ): Promise<Result<'partial' | 'complete'>> {
    const end = chunk.start + chunk.bytes.byteLength - 1;
    let response: Response;
    try {
      response = await this.fetchFn(uploadUrl, {
        method: 'PUT',
        headers: {
          'content-type': chunk.type,
          'content-range': `bytes ${chunk.start}-${end}/${chunk.total}`,
        },
        body: chunk.bytes,
        signal: this.signal,
      });
    } catch (error) {
      return networkFailure(error);
    }
    if (response.status === 206 || response.status === 201) {
      await response.body?.cancel();
      return { ok: true, value: response.status === 201 ? 'complete' : 'partial' };
    }
    const failed = envelopeOf(response.status, await readJson(response).catch(() => undefined));
    return failed.ok
      ? { ok: false, failure: { kind: 'api', status: response.status, message: 'unexpected upload answer' } }
      : failed;
  }
}
