import { httpError, isObject, jsonError, networkFailure, type RedditResult, readJson } from './wire.ts';

/**
 * The Reddit calls Herald makes, on oauth.reddit.com with a bearer token and a
 * descriptive User-Agent (`<platform>:<app id>:<version> (by /u/<name>)`: Reddit
 * throttles or blocks generic ones).
 */

export interface Submitted {
  /** The post's fullname, `t3_<id>`. */
  name: string;
  url: string;
}

/** Where and how to upload an image: S3's POST form (`action` is `//host` on Reddit). */
export interface UploadLease {
  action: string;
  fields: { name: string; value: string }[];
}

/** A `kind=image` submit: no id yet, the post's URL arrives on `websocketUrl`. */
export interface ImageSubmitted {
  websocketUrl: string;
}

type Parser<T> = (body: unknown) => T | undefined;

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

const parseMe: Parser<{ id: string; name: string }> = (body) => {
  if (!isObject(body)) return undefined;
  const id = str(body.id);
  const name = str(body.name);
  return id && name ? { id, name } : undefined;
};
const parseSubmitted: Parser<Submitted> = (body) => {
  const data = isObject(body) && isObject(body.json) && isObject(body.json.data) ? body.json.data : undefined;
  const id = str(data?.id);
  const name = str(data?.name) ?? (id ? `t3_${id}` : undefined);
  const url = str(data?.url);
  return name && url ? { name, url } : undefined;
};
const parseLease: Parser<UploadLease> = (body) => {
  const args = isObject(body) && isObject(body.args) ? body.args : undefined;
  const action = str(args?.action);
  const raw = Array.isArray(args?.fields) ? args.fields : undefined;
  if (!action || !raw) return undefined;
  const fields = raw.flatMap((field: unknown) =>
    isObject(field) && typeof field.name === 'string' && typeof field.value === 'string'
      ? [{ name: field.name, value: field.value }]
      : [],
  );
  return { action, fields };
};
const parseImageSubmitted: Parser<ImageSubmitted> = (body) => {
  const data = isObject(body) && isObject(body.json) && isObject(body.json.data) ? body.json.data : undefined;
  const websocketUrl = str(data?.websocket_url);
  return websocketUrl ? { websocketUrl } : undefined;
};
const parseAnything: Parser<null> = () => null;
/** The raw answer (a listing, an array of listings): comment-wire.ts reads it. */
const parseRaw: Parser<unknown> = (body) => body ?? null;
/** `/api/comment` and `/api/morechildren` with api_type=json: `json.data.things`. */
const parseThings: Parser<unknown[]> = (body) => {
  const data = isObject(body) && isObject(body.json) && isObject(body.json.data) ? body.json.data : undefined;
  return Array.isArray(data?.things) ? data.things : undefined;
};

export class RedditClient {
  private readonly base: string;

  constructor(
    baseUrl: string,
    readonly userAgent: string,
    private readonly fetchFn: typeof fetch,
    private readonly signal?: AbortSignal,
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  /** A GET answered whole (a Listing, the account), `path` with its query. */
  read(token: string, path: string): Promise<RedditResult<Record<string, unknown>>> {
    return this.call('GET', `${this.base}${path}`, (body) => (isObject(body) ? body : undefined), { token });
  }

  me(token: string): Promise<RedditResult<{ id: string; name: string }>> {
    return this.call('GET', `${this.base}/api/v1/me`, parseMe, { token });
  }

  submit(token: string, form: Record<string, string>): Promise<RedditResult<Submitted>> {
    return this.call('POST', `${this.base}/api/submit`, parseSubmitted, {
      token,
      form: { ...form, api_type: 'json' },
    });
  }

  /** An S3 upload lease for one image (`filepath` is only the file's name). */
  mediaAsset(token: string, filepath: string, mimetype: string): Promise<RedditResult<UploadLease>> {
    return this.call('POST', `${this.base}/api/media/asset.json`, parseLease, {
      token,
      form: { filepath, mimetype },
    });
  }

  submitImage(token: string, form: Record<string, string>): Promise<RedditResult<ImageSubmitted>> {
    return this.call('POST', `${this.base}/api/submit`, parseImageSubmitted, {
      token,
      form: { ...form, api_type: 'json' },
    });
  }

  /** POST /api/comment: a comment on a post (`t3_`) or a reply to a comment (`t1_`). */
  comment(token: string, thingId: string, text: string): Promise<RedditResult<unknown[]>> {
    return this.call('POST', `${this.base}/api/comment`, parseThings, {
      token,
      form: { api_type: 'json', thing_id: thingId, text },
    });
  }

  /** GET /comments/{article}: the post's listing and its comment tree (focused on one comment with `comment`). */
  commentTree(token: string, article: string, query: Record<string, string>): Promise<RedditResult<unknown>> {
    const search = new URLSearchParams({ raw_json: '1', ...query });
    return this.call('GET', `${this.base}/comments/${encodeURIComponent(article)}?${search}`, parseRaw, {
      token,
    });
  }

  /** GET /api/morechildren: the comments a `more` stub stands for (at most 100 ids a call). */
  moreChildren(token: string, linkId: string, children: readonly string[]): Promise<RedditResult<unknown[]>> {
    const search = new URLSearchParams({
      api_type: 'json',
      link_id: linkId,
      children: children.join(','),
      limit_children: 'false',
      raw_json: '1',
    });
    return this.call('GET', `${this.base}/api/morechildren?${search}`, parseThings, { token });
  }

  /** GET /api/info: things by fullname (a comment's `link_id` names its post). */
  info(token: string, fullname: string): Promise<RedditResult<unknown>> {
    const search = new URLSearchParams({ id: fullname, raw_json: '1' });
    return this.call('GET', `${this.base}/api/info?${search}`, parseRaw, { token });
  }

  /** POST /api/del with a post's (`t3_`) or a comment's (`t1_`) fullname. */
  deletePost(token: string, fullname: string): Promise<RedditResult<null>> {
    return this.call('POST', `${this.base}/api/del`, parseAnything, { token, form: { id: fullname } });
  }

  private async call<T>(
    method: 'GET' | 'POST',
    url: string,
    parse: Parser<T>,
    input: { token?: string; form?: Record<string, string> },
  ): Promise<RedditResult<T>> {
    const headers: Record<string, string> = { 'user-agent': this.userAgent };
    if (input.token) headers.authorization = `Bearer ${input.token}`;
    let body: string | undefined;
    if (input.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(input.form).toString();
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
      return {
        ok: false,
        failure: httpError(response.status, payload, response.headers, response.statusText),
      };
    }
    const refused = jsonError(payload, response.headers, response.status);
    if (refused) return { ok: false, failure: refused };
    const value = parse(payload);
    if (value === undefined) {
      return {
        ok: false,
        failure: httpError(
          response.status,
          undefined,
          response.headers,
          `unexpected ${new URL(url).pathname} response`,
        ),
      };
    }
    return { ok: true, value, headers: response.headers };
  }
}
