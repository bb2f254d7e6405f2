import { isObject, type NetworkFailure, networkFailure } from './wire.ts';
/**
 * A minimal client for Meta's Graph API (graph.facebook.com, graph.threads.net), shared
 * by the Facebook, Instagram and Threads connectors. It never throws for an answer:
 * every failure comes back as data, so each network's error table decides.
 */

/** Meta's `error` object, with the optional fields that are present. */
export interface GraphErrorBody {
  message: string;
  type?: string;
  code?: number;
  subcode?: number;
  userTitle?: string;
  userMsg?: string;
  isTransient?: boolean;
  fbtraceId?: string;
}

/** Meta answered with an error status. */
export interface GraphError {
  kind: 'graph';
  status: number;
  error: GraphErrorBody;
  headers: Headers;
}

// No answer (and whether it may have arrived): shared by every network client.
export type { NetworkFailure } from './wire.ts';
export { isObject };

export type GraphFailure = GraphError | NetworkFailure;
export type GraphFailed = { ok: false; failure: GraphFailure };
export type GraphObject = Record<string, unknown>;
export type GraphResult<T = GraphObject> = { ok: true; value: T; headers: Headers } | GraphFailed;

/** A string field of an answer, or undefined. Meta sends ids as strings. */
export function stringField(body: GraphObject, key: string): string | undefined {
  const value = body[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function numberField(body: Record<string, unknown>, key: string): number | undefined {
  const value = body[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Meta's error object; a body without one (a proxy's HTML page) keeps only the status text. */
export function parseGraphError(payload: unknown, statusText: string): GraphErrorBody {
  const error = isObject(payload) && isObject(payload.error) ? payload.error : {};
  const body: GraphErrorBody = {
    message: typeof error.message === 'string' ? error.message : statusText || 'no error body',
  };
  const code = numberField(error, 'code');
  const subcode = numberField(error, 'error_subcode');
  if (code !== undefined) body.code = code;
  if (subcode !== undefined) body.subcode = subcode;
  if (typeof error.type === 'string') body.type = error.type;
  if (typeof error.error_user_title === 'string') body.userTitle = error.error_user_title;
  if (typeof error.error_user_msg === 'string') body.userMsg = error.error_user_msg;
  if (typeof error.is_transient === 'boolean') body.isTransient = error.is_transient;
  if (typeof error.fbtrace_id === 'string') body.fbtraceId = error.fbtrace_id;
  return body;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON (an HTML error page): the status alone will classify it.
    return undefined;
  }
}

export interface GraphClientOptions {
  /** `ctx.baseUrl`: https://graph.facebook.com, https://graph.threads.net, or a test double. */
  baseUrl: string;
  /** `ctx.apiVersion` (v23.0, v1.0); omitted from paths when absent. */
  version?: string | undefined;
  token: string;
  fetch: typeof fetch;
  signal?: AbortSignal | undefined;
}

export type Params = Readonly<Record<string, string | number | boolean | undefined>>;

function formOf(params: Params): URLSearchParams {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) form.set(key, String(value));
  return form;
}

export class GraphClient {
  private readonly root: string;
  private readonly token: string;
  private readonly fetchFn: typeof fetch;
  private readonly signal: AbortSignal | undefined;

  constructor(options: GraphClientOptions) {
    const base = options.baseUrl.replace(/\/+$/, '');
    this.root = options.version ? `${base}/${options.version}` : base;
    this.token = options.token;
    this.fetchFn = options.fetch;
    this.signal = options.signal;
  }

  /** `segments` are ids and edges; each is URL-encoded. */
  get(segments: readonly string[], query: Params = {}): Promise<GraphResult> {
    return this.call('GET', this.url(segments, query));
  }

  /** Parameters go as an urlencoded form, as Meta's own examples send them. */
  post(segments: readonly string[], params: Params = {}): Promise<GraphResult> {
    return this.call('POST', this.url(segments), formOf(params));
  }

  delete(segments: readonly string[]): Promise<GraphResult> {
    return this.call('DELETE', this.url(segments));
  }

  /** A call to an absolute URL Meta handed out (a resumable upload URL), with extra headers. */
  postAbsolute(url: string, headers: Readonly<Record<string, string>>): Promise<GraphResult> {
    return this.call('POST', url, undefined, { ...headers, authorization: `OAuth ${this.token}` });
  }

  private url(segments: readonly string[], query: Params = {}): string {
    const path = segments.map(encodeURIComponent).join('/');
    const search = formOf(query).toString();
    return `${this.root}/${path}${search ? `?${search}` : ''}`;
  }

  private async call(
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    form?: URLSearchParams,
    headers: Record<string, string> = { authorization: `Bearer ${this.token}` },
  ): Promise<GraphResult> {
    // The token goes in a header, never in the URL: URLs end up in logs.
    let response: Response;
    let payload: unknown;
    try {
      response = await this.fetchFn(url, { method, headers, body: form, signal: this.signal });
      payload = await readJson(response);
    } catch (error) {
      return networkFailure(error);
    }
    if (!response.ok) {
      const error = parseGraphError(payload, response.statusText);
      return {
        ok: false,
        failure: { kind: 'graph', status: response.status, error, headers: response.headers },
      };
    }
    if (!isObject(payload)) {
      // A success status with an unreadable body: whatever was asked may have happened.
      return {
        ok: false,
        failure: {
          kind: 'network',
          mayHaveArrived: true,
          reason: `unreadable answer from ${method} ${new URL(url).pathname}`,
        },
      };
    }
    return { ok: true, value: payload, headers: response.headers };
  }
}
