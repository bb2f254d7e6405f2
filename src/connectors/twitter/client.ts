import { authorizationHeader, type OAuth1Keys } from '../shared/oauth1.ts';
import { isObject, networkFailure, problemOf, readJson, type XResult } from './wire.ts';

/** The few X API v2 calls Herald makes, each signed with OAuth 1.0a (user context). */

export interface XUser {
  id: string;
  username: string;
  name: string;
}

export interface Tweet {
  id: string;
}

export interface MediaInfo {
  id: string;
  /** `processing_info.state`; absent for media that needs no processing (images). */
  state?: 'pending' | 'in_progress' | 'failed' | 'succeeded';
  checkAfterSecs?: number;
  error?: string;
}

/** A post as recent search and lookup print it, with the fields Herald asks for. */
export interface FoundTweet {
  id: string;
  text: string;
  authorId: string;
  createdAt: string;
  conversationId: string;
  /** The post it replies to (`referenced_tweets[type=replied_to]`). */
  repliedTo?: string;
  likeCount: number;
}

/** One page of recent search: the posts, their authors' usernames, the cursor of the next page. */
export interface SearchPage {
  tweets: FoundTweet[];
  usernames: Map<string, string>;
  next?: string;
}

/** What reading replies asks X for (each field is billed nowhere; only posts returned are). */
export const TWEET_FIELDS = 'author_id,conversation_id,created_at,referenced_tweets,public_metrics';

export interface TweetBody {
  text: string;
  media?: { media_ids: string[] };
  poll?: { options: string[]; duration_minutes: number };
  reply?: { in_reply_to_tweet_id: string };
  quote_tweet_id?: string;
}

/** Reads `data` (and, for lookups that answer `errors` beside it, the whole payload). */
type Parser<T> = (data: Record<string, unknown>, payload: Record<string, unknown>) => T | undefined;

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

const parseUser: Parser<XUser> = (data) => {
  const id = str(data.id);
  const username = str(data.username);
  return id && username ? { id, username, name: str(data.name) ?? username } : undefined;
};
const parseTweet: Parser<Tweet> = (data) => {
  const id = str(data.id);
  return id ? { id } : undefined;
};
function foundTweet(raw: unknown): FoundTweet | undefined {
  if (!isObject(raw)) return undefined;
  const id = str(raw.id);
  if (!id) return undefined;
  const replied = Array.isArray(raw.referenced_tweets)
    ? raw.referenced_tweets.find((r) => isObject(r) && r.type === 'replied_to')
    : undefined;
  const metrics = isObject(raw.public_metrics) ? raw.public_metrics : {};
  const tweet: FoundTweet = {
    id,
    text: typeof raw.text === 'string' ? raw.text : '',
    authorId: str(raw.author_id) ?? '',
    createdAt: str(raw.created_at) ?? '',
    conversationId: str(raw.conversation_id) ?? id,
    likeCount: typeof metrics.like_count === 'number' ? metrics.like_count : 0,
  };
  const repliedTo = isObject(replied) ? str(replied.id) : undefined;
  if (repliedTo) tweet.repliedTo = repliedTo;
  return tweet;
}

/** Recent search's whole body: `data` is absent when nothing matched (`meta.result_count: 0`). */
const parseSearch: Parser<SearchPage> = (_data, body) => {
  const data = Array.isArray(body.data) ? body.data : [];
  const includes = isObject(body.includes) ? body.includes : {};
  const users = Array.isArray(includes.users) ? includes.users.filter(isObject) : [];
  const meta = isObject(body.meta) ? body.meta : {};
  const page: SearchPage = {
    tweets: data.map(foundTweet).filter((t): t is FoundTweet => t !== undefined),
    usernames: new Map(
      users.flatMap((u) => (str(u.id) && str(u.username) ? [[String(u.id), String(u.username)]] : [])),
    ),
  };
  const next = str(meta.next_token);
  if (next) page.next = next;
  return page;
};
const parseFound: Parser<FoundTweet> = (data) => foundTweet(data);
const parseDeleted: Parser<boolean> = (data) => data.deleted === true;
const parseNothing = (): null => null;

const STATES = new Set(['pending', 'in_progress', 'failed', 'succeeded']);

const parseMedia: Parser<MediaInfo> = (data) => {
  const id = str(data.id) ?? str(data.media_id_string);
  if (!id) return undefined;
  const media: MediaInfo = { id };
  const info = data.processing_info;
  if (isObject(info)) {
    if (typeof info.state === 'string' && STATES.has(info.state))
      media.state = info.state as MediaInfo['state'];
    if (typeof info.check_after_secs === 'number') media.checkAfterSecs = info.check_after_secs;
    const error = info.error;
    if (isObject(error))
      media.error = [error.name, error.message].filter((s) => typeof s === 'string').join(': ');
  }
  return media;
};

export class XClient {
  private readonly root: string;

  constructor(
    baseUrl: string,
    version: string,
    private readonly keys: OAuth1Keys,
    private readonly fetchFn: typeof fetch,
    private readonly signal?: AbortSignal,
  ) {
    this.root = `${baseUrl.replace(/\/+$/, '')}/${version}`;
  }

  /**
   * A read whose whole answer matters (`data`, `errors`, `meta`): X answers a lookup of
   * something missing with HTTP 200 and `errors`, and a list with `meta.next_token`.
   */
  read(path: string, query: Record<string, string>): Promise<XResult<Record<string, unknown>>> {
    return this.call('GET', path, (_data, payload) => payload, { query });
  }

  me(): Promise<XResult<XUser>> {
    return this.call('GET', '/users/me', parseUser);
  }

  createTweet(body: TweetBody): Promise<XResult<Tweet>> {
    return this.call('POST', '/tweets', parseTweet, { json: body });
  }

  /** GET /2/tweets/:id with the reply fields (its conversation_id names the thread). */
  lookupTweet(id: string): Promise<XResult<FoundTweet>> {
    return this.call('GET', `/tweets/${encodeURIComponent(id)}`, parseFound, {
      query: { 'tweet.fields': TWEET_FIELDS },
    });
  }

  /**
   * One page of GET /2/tweets/search/recent (the last 7 days). X bills every post it
   * returns, and answers 403 client-forbidden to an app whose access has no search.
   */
  searchRecent(query: string, nextToken?: string): Promise<XResult<SearchPage>> {
    return this.call('GET', '/tweets/search/recent', parseSearch, {
      query: {
        query,
        max_results: '100',
        'tweet.fields': TWEET_FIELDS,
        expansions: 'author_id',
        'user.fields': 'username',
        ...(nextToken ? { next_token: nextToken } : {}),
      },
    });
  }

  deleteTweet(id: string): Promise<XResult<boolean>> {
    return this.call('DELETE', `/tweets/${encodeURIComponent(id)}`, parseDeleted);
  }

  /** One-shot upload, for images up to 5 MB. */
  uploadSimple(
    bytes: Uint8Array<ArrayBuffer>,
    mimeType: string,
    category: string,
  ): Promise<XResult<MediaInfo>> {
    const form = new FormData();
    form.set('media', new Blob([bytes], { type: mimeType }), 'media');
    form.set('media_category', category);
    return this.call('POST', '/media/upload', parseMedia, { form });
  }

  initializeUpload(mediaType: string, totalBytes: number, category: string): Promise<XResult<MediaInfo>> {
    return this.call('POST', '/media/upload/initialize', parseMedia, {
      json: { media_type: mediaType, total_bytes: totalBytes, media_category: category },
    });
  }

  appendUpload(id: string, index: number, chunk: Uint8Array<ArrayBuffer>): Promise<XResult<null>> {
    const form = new FormData();
    form.set('segment_index', String(index));
    form.set('media', new Blob([chunk]), 'media');
    return this.call('POST', `/media/upload/${encodeURIComponent(id)}/append`, parseNothing, { form });
  }

  finalizeUpload(id: string): Promise<XResult<MediaInfo>> {
    return this.call('POST', `/media/upload/${encodeURIComponent(id)}/finalize`, parseMedia);
  }

  uploadStatus(id: string): Promise<XResult<MediaInfo>> {
    return this.call('GET', '/media/upload', parseMedia, { query: { command: 'STATUS', media_id: id } });
  }

  setAltText(id: string, text: string): Promise<XResult<null>> {
    return this.call('POST', '/media/metadata', parseNothing, {
      json: { id, metadata: { alt_text: { text } } },
    });
  }

  private async call<T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    parse: Parser<T> | (() => T),
    input: { json?: unknown; form?: FormData; query?: Record<string, string> } = {},
  ): Promise<XResult<T>> {
    const query = new URLSearchParams(input.query).toString();
    const url = `${this.root}${path}${query ? `?${query}` : ''}`;
    // Only query parameters are signed: X's JSON and multipart bodies are not form parameters.
    const headers: Record<string, string> = {
      authorization: authorizationHeader(this.keys, { method, url }),
    };
    let body: BodyInit | undefined;
    if (input.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(input.json);
    } else if (input.form) {
      body = input.form;
    }
    let response: Response;
    let payload: unknown;
    try {
      response = await this.fetchFn(url, { method, headers, body, signal: this.signal });
      payload = await readJson(response);
    } catch (error) {
      return networkFailure(error);
    }
    if (!response.ok) return { ok: false, failure: problemOf(response.status, payload, response.headers) };
    const whole = isObject(payload) ? payload : {};
    const data = isObject(whole.data) ? whole.data : {};
    const value = parse(data, whole);
    if (value === undefined) {
      const problem = problemOf(response.status, payload, response.headers);
      problem.detail = `unexpected ${method} ${path} response body`;
      return { ok: false, failure: problem };
    }
    return { ok: true, value, headers: response.headers };
  }
}
