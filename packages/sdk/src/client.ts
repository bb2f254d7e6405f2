import { randomUUID } from 'node:crypto';
import createClient, { type Client } from 'openapi-fetch';
import { HeraldApiError } from './errors.ts';
import type { paths } from './generated/openapi.ts';

/** X's bring-your-own app keys (Herald's 419 without them): sent as headers, never stored by the SDK. */
export interface XKeys {
  apiKey: string;
  apiSecret: string;
}

/** What every call may set for itself, over the client's defaults. */
export interface CallOptions {
  /** Act as this profile (the `Profile-Key` header). */
  profileKey?: string;
  xKeys?: XKeys;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface HeraldClientOptions extends CallOptions {
  /** Herald's address, e.g. http://localhost:3000 (no /api: the paths carry it). */
  baseUrl: string;
  apiKey: string;
  /** A fetch of your own (a proxy, a test double of the network, undici's with a dispatcher...). */
  fetch?: typeof globalThis.fetch;
}

type JsonOf<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;
type OkOf<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer R } } };
}
  ? R
  : never;
type QueryOf<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  parameters: { query?: infer Q };
}
  ? NonNullable<Q>
  : never;

export type PostRequest = JsonOf<'/api/post', 'post'>;
export type PostAnswer = OkOf<'/api/post', 'post'>;
export type PostView = OkOf<'/api/post/{id}', 'get'>;
export type HistoryQuery = QueryOf<'/api/history', 'get'>;

/** The headers a call sends: the client's defaults, then the call's own. */
export function headersOf(defaults: CallOptions, call: CallOptions = {}): Record<string, string> {
  const profileKey = call.profileKey ?? defaults.profileKey;
  const xKeys = call.xKeys ?? defaults.xKeys;
  return {
    ...defaults.headers,
    ...(profileKey ? { 'Profile-Key': profileKey } : {}),
    ...(xKeys
      ? { 'X-Twitter-OAuth1-Api-Key': xKeys.apiKey, 'X-Twitter-OAuth1-Api-Secret': xKeys.apiSecret }
      : {}),
    ...call.headers,
  };
}

/** An answer's data, or a HeraldApiError with the catalog code Herald answered. */
function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok && result.data !== undefined) return result.data;
  throw new HeraldApiError(result.response.status, result.error ?? result.data);
}

/**
 * A typed Herald client: every path, body and answer is typed from /openapi.json
 * (openapi-typescript), requests go through openapi-fetch. `raw` is the openapi-fetch
 * client for any route; the methods below cover the common ones and throw HeraldApiError.
 */
export function createHeraldClient(options: HeraldClientOptions) {
  const raw: Client<paths> = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers: { authorization: `Bearer ${options.apiKey}` },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const init = (call: CallOptions = {}) => ({
    headers: headersOf(options, call),
    ...((call.signal ?? options.signal) ? { signal: call.signal ?? options.signal } : {}),
  });

  return {
    raw,
    /**
     * Publishes or schedules a post. An idempotencyKey is added when none is given, so a
     * call retried after a dropped connection never posts twice (Herald answers the first
     * call's outcome). A post that failed on some networks throws HeraldApiError with the
     * envelope in `body` (its postIds say what succeeded).
     */
    async post(body: PostRequest, call?: CallOptions): Promise<PostAnswer> {
      const withKey = { ...body, idempotencyKey: body.idempotencyKey ?? randomUUID() };
      return unwrap(await raw.POST('/api/post', { body: withKey, ...init(call) }));
    },
    async getPost(id: string, call?: CallOptions): Promise<PostView> {
      return unwrap(await raw.GET('/api/post/{id}', { params: { path: { id } }, ...init(call) }));
    },
    async history(query: HistoryQuery = {}, call?: CallOptions) {
      return unwrap(await raw.GET('/api/history', { params: { query }, ...init(call) }));
    },
    /** Sends a post's failed networks again (PUT /api/post/retry). */
    async retry(id: string, call?: CallOptions) {
      return unwrap(await raw.PUT('/api/post/retry', { body: { id }, ...init(call) }));
    },
    async deletePost(id: string, call?: CallOptions) {
      return unwrap(await raw.DELETE('/api/post', { body: { id }, ...init(call) }));
    },
    async accounts(call?: CallOptions) {
      return unwrap(await raw.GET('/api/accounts', init(call)));
    },
    async user(call?: CallOptions) {
      return unwrap(await raw.GET('/api/user', init(call)));
    },
    async profiles(call?: CallOptions) {
      return unwrap(await raw.GET('/api/profiles', init(call)));
    },
    async generateJWT(body: JsonOf<'/api/profiles/generateJWT', 'post'>, call?: CallOptions) {
      return unwrap(await raw.POST('/api/profiles/generateJWT', { body, ...init(call) }));
    },
    async webhooks(call?: CallOptions) {
      return unwrap(await raw.GET('/api/hook/webhook', init(call)));
    },
    async errors(call?: CallOptions) {
      return unwrap(await raw.GET('/api/errors', init(call)));
    },
    async uploadUrl(query: QueryOf<'/api/media/uploadUrl', 'get'>, call?: CallOptions) {
      return unwrap(await raw.GET('/api/media/uploadUrl', { params: { query }, ...init(call) }));
    },
    /**
     * Uploads a file to the profile's media library through a signed URL (GET
     * /api/media/uploadUrl, then a streamed PUT), telling `onProgress` each chunk's bytes.
     * Answers the URL to put in `mediaUrls`.
     */
    async upload(
      file: { name: string; size: number; stream: () => ReadableStream<Uint8Array> },
      onProgress?: (sent: number, total: number) => void,
      call?: CallOptions,
    ): Promise<{ url: string; contentType: string }> {
      const target = await this.uploadUrl({ fileName: file.name }, call);
      let sent = 0;
      const counted = file.stream().pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            sent += chunk.byteLength;
            onProgress?.(sent, file.size);
            controller.enqueue(chunk);
          },
        }),
      );
      const doFetch = options.fetch ?? globalThis.fetch;
      const response = await doFetch(target.uploadUrl, {
        method: 'PUT',
        headers: { 'content-type': target.contentType, 'content-length': String(file.size) },
        body: counted,
        // Node's fetch streams a request body only half-duplex.
        duplex: 'half',
      } as RequestInit);
      if (!response.ok)
        throw new HeraldApiError(response.status, await response.json().catch(() => undefined));
      return { url: target.accessUrl, contentType: target.contentType };
    },
  };
}

export type HeraldClient = ReturnType<typeof createHeraldClient>;
