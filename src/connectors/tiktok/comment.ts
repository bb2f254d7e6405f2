import type { ErrorSpec } from '../../errors/build.ts';
import { classify } from '../shared/error-table.ts';
import type { CommentInput, CommentOutcome, ConnectorContext, ErrorRow } from '../types.ts';
import { isObject, networkFailure, readJson } from './client.ts';
import { PLATFORM_NAME } from './errors.ts';
import { parseCredentials } from './session.ts';
import { businessApiBase } from './urls.ts';

/**
 * Comments: the Content Posting API has none, so they go through TikTok's API for
 * Business (`POST /open_api/v1.3/business/comment/create/`, `Access-Token` header,
 * `{business_id, video_id, text}` → `{code: 0, message: "OK", data: {comment_id}}`),
 * with that API's own token. Its errors are HTTP 200 with a non-zero `code`.
 */

const BUSINESS_VERSION = 'v1.3';

export const COMMENT_ERRORS: readonly ErrorRow[] = [
  { when: { status: 0 }, maps: { code: 625 }, note: 'No answer from the API for Business.' },
  {
    when: { status: Array.from({ length: 100 }, (_, i) => 500 + i) },
    maps: { code: 625 },
    note: 'A 5xx of the API for Business.',
  },
  { when: { status: 401 }, maps: { code: 623 }, note: 'The business token was refused.' },
  { when: {}, maps: { code: 621 }, note: 'A non-zero `code`: TikTok’s code and words go to details.' },
];

/** Seed 288: refused before any call while the post has no real id. */
export function notLive(postId: string): ErrorSpec | undefined {
  if (postId === 'pending') return { code: 288, platform: 'tiktok', action: 'comment' };
  if (postId === 'failed') return { code: 288, variant: 'failed', platform: 'tiktok', action: 'comment' };
  return undefined;
}

function failed(status: number, details: string): CommentOutcome {
  const row = classify(COMMENT_ERRORS, { status });
  const maps = row?.maps ?? { code: 621 };
  return {
    kind: 'failed',
    error: { ...maps, platform: 'tiktok', params: { platformName: PLATFORM_NAME }, details },
  };
}

export async function commentOn(input: CommentInput, ctx: ConnectorContext): Promise<CommentOutcome> {
  const refused = notLive(input.postId);
  if (refused) return { kind: 'failed', error: refused };
  const credentials = parseCredentials(input.account.credentials);
  if (typeof credentials === 'string' || !credentials.businessId || !credentials.businessAccessToken) {
    const details =
      'TikTok comments need the TikTok API for Business: link the account again with businessId and businessAccessToken';
    return {
      kind: 'failed',
      error: { code: 623, platform: 'tiktok', params: { platformName: PLATFORM_NAME }, details },
    };
  }
  const url = `${businessApiBase(ctx.baseUrl)}/open_api/${BUSINESS_VERSION}/business/comment/create/`;
  let response: Response;
  let body: unknown;
  try {
    response = await ctx.fetch(url, {
      method: 'POST',
      headers: { 'access-token': credentials.businessAccessToken, 'content-type': 'application/json' },
      body: JSON.stringify({ business_id: credentials.businessId, video_id: input.postId, text: input.text }),
      signal: ctx.signal,
    });
    body = await readJson(response);
  } catch (error) {
    return failed(0, networkFailure(error).failure.reason);
  }
  const answer = isObject(body) ? body : {};
  const data = isObject(answer.data) ? answer.data : {};
  if (
    response.ok &&
    answer.code === 0 &&
    (typeof data.comment_id === 'string' || typeof data.comment_id === 'number')
  ) {
    return { kind: 'commented', id: String(data.comment_id) };
  }
  const details = `${String(answer.code ?? `HTTP ${response.status}`)}: ${String(answer.message ?? response.statusText)}`;
  return failed(response.ok ? 200 : response.status, details);
}
