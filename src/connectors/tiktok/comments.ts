import type { ErrorSpec } from '../../errors/build.ts';
import { readPages } from '../shared/comment-pages.ts';
import { classify } from '../shared/error-table.ts';
import type {
  CommentsCapability,
  CommentView,
  CommentWrite,
  CommentWriteOutcome,
  ConnectorContext,
  ErrorRow,
  LinkedAccount,
} from '../types.ts';
import { isObject, networkFailure, readJson } from './client.ts';
import { PLATFORM_NAME } from './errors.ts';
import { parseCredentials } from './session.ts';
import { businessApiBase } from './urls.ts';

/**
 * Comments: the Content Posting API has none, so they go through TikTok's API for
 * Business (`Access-Token` header, its own token and `business_id`): `comment/create/`
 * `{business_id, video_id, text}` and `comment/reply/create/` (plus `comment_id`) answer
 * `{code: 0, message: "OK", data: {comment_id}}`; `comment/list/` and `comment/reply/list/`
 * (GET) answer `data.comments[]`; `comment/delete/` `{business_id, comment_id}`. Its
 * errors are HTTP 200 with a non-zero `code`, classified by that code.
 */

const BUSINESS_VERSION = 'v1.3';

/** TikTok API for Business codes (its "Return codes" table), then HTTP statuses. */
export const COMMENT_ERRORS: readonly ErrorRow[] = [
  {
    when: { code: 40100 },
    maps: { code: 624 },
    retry: 'after-reset',
    note: 'Too many requests (QPS/QPM limit of the API for Business); no reset header, so a minute.',
  },
  { when: { code: 40001 }, maps: { code: 623 }, note: 'No permission (the token lacks the comment scopes).' },
  { when: { code: 40104 }, maps: { code: 623 }, note: 'The access token is empty.' },
  { when: { code: 40105 }, maps: { code: 623 }, note: 'The access token is invalid or expired.' },
  {
    when: { code: 40002 },
    maps: { code: 622 },
    note: 'Parameter error (an unknown video or comment, a bad text).',
  },
  { when: { code: 50002 }, maps: { code: 625 }, note: 'TikTok’s internal error.' },
  { when: { status: 0 }, maps: { code: 625 }, note: 'No answer from the API for Business.' },
  {
    when: { status: Array.from({ length: 100 }, (_, i) => 500 + i) },
    maps: { code: 625 },
    note: 'A 5xx of the API for Business.',
  },
  { when: { status: 401 }, maps: { code: 623 }, note: 'The business token was refused.' },
  {
    when: {},
    maps: { code: 621 },
    note: 'Any other non-zero `code`: TikTok’s code and words go to details.',
  },
];

type Business = { base: string; token: string; businessId: string };

/** TikTok states no reset for its per-minute limits: a minute is the wait a 624 names. */
const RATE_LIMIT_WAIT_S = 60;

function spec(code: number, details: string): ErrorSpec {
  const params: Record<string, string | number> = { platformName: PLATFORM_NAME };
  if (code === 624) params.retryAfter = RATE_LIMIT_WAIT_S;
  return { code, platform: 'tiktok', params, details };
}

function businessOf(account: LinkedAccount, ctx: ConnectorContext): Business | ErrorSpec {
  const credentials = parseCredentials(account.credentials);
  if (typeof credentials === 'string' || !credentials.businessId || !credentials.businessAccessToken) {
    return spec(
      623,
      'TikTok comments need the TikTok API for Business: link the account again with businessId and businessAccessToken',
    );
  }
  return {
    base: `${businessApiBase(ctx.baseUrl)}/open_api/${BUSINESS_VERSION}/business`,
    token: credentials.businessAccessToken,
    businessId: credentials.businessId,
  };
}

type Answer = { ok: true; data: Record<string, unknown> } | { ok: false; error: ErrorSpec; lost: boolean };

async function call(
  business: Business,
  ctx: ConnectorContext,
  path: string,
  method: 'GET' | 'POST',
  params: Record<string, string>,
): Promise<Answer> {
  const query = method === 'GET' ? `?${new URLSearchParams(params)}` : '';
  let response: Response;
  let body: unknown;
  try {
    response = await ctx.fetch(`${business.base}/${path}/${query}`, {
      method,
      headers: {
        'access-token': business.token,
        ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
      },
      ...(method === 'POST' ? { body: JSON.stringify(params) } : {}),
      signal: ctx.signal,
    });
    body = await readJson(response);
  } catch (error) {
    const row = classify(COMMENT_ERRORS, { status: 0 });
    return {
      ok: false,
      error: spec(row?.maps.code ?? 625, networkFailure(error).failure.reason),
      lost: true,
    };
  }
  const answer = isObject(body) ? body : {};
  if (response.ok && answer.code === 0) return { ok: true, data: isObject(answer.data) ? answer.data : {} };
  const code = typeof answer.code === 'number' ? answer.code : undefined;
  const row = classify(COMMENT_ERRORS, {
    status: response.ok ? 200 : response.status,
    ...(code !== undefined ? { code } : {}),
  });
  const details = `${String(answer.code ?? `HTTP ${response.status}`)}: ${String(answer.message ?? response.statusText)}`;
  // A 5xx on a write may hide a comment TikTok made: unknown, never re-sent.
  return { ok: false, error: spec(row?.maps.code ?? 621, details), lost: response.status >= 500 };
}

async function write(input: CommentWrite, ctx: ConnectorContext): Promise<CommentWriteOutcome> {
  const business = businessOf(input.account, ctx);
  if ('code' in business) return { kind: 'failed', error: business };
  const params = {
    business_id: business.businessId,
    video_id: input.postId,
    ...(input.parentId ? { comment_id: input.parentId } : {}),
    text: input.text,
  };
  const answer = await call(
    business,
    ctx,
    input.parentId ? 'comment/reply/create' : 'comment/create',
    'POST',
    params,
  );
  if (!answer.ok)
    return answer.lost
      ? { kind: 'unknown', reason: answer.error.details ?? '' }
      : { kind: 'failed', error: answer.error };
  const id = answer.data.comment_id;
  if (typeof id === 'string' || typeof id === 'number') return { kind: 'commented', id: String(id) };
  return { kind: 'unknown', reason: 'TikTok answered without a comment_id' };
}

function viewOf(raw: Record<string, unknown>, postId: string): CommentView {
  const username = String(raw.username ?? raw.display_name ?? '');
  const created = Number(raw.create_time);
  return {
    commentId: String(raw.comment_id),
    comment: String(raw.text ?? ''),
    created: Number.isFinite(created) ? new Date(created * 1000).toISOString() : '',
    from: { id: String(raw.user_id ?? ''), username },
    hidden: raw.status === 'HIDDEN',
    likeCount: Number(raw.likes ?? 0),
    postId,
    username,
    extra: { replyCount: Number(raw.replies ?? 0), owner: raw.owner === true, pinned: raw.pinned === true },
  };
}

export const tiktokComments: CommentsCapability = {
  comment: write,
  reply: write,
  async list(input, ctx) {
    const business = businessOf(input.account, ctx);
    if ('code' in business) return { kind: 'failed', error: business };
    // A comment's replies are read on its video: TikTok wants both ids.
    if (input.of === 'comment' && !input.postId)
      return {
        kind: 'failed',
        error: spec(622, 'TikTok lists the replies of a comment only with its video id'),
      };
    const [path, params] =
      input.of === 'comment'
        ? [
            'comment/reply/list',
            { business_id: business.businessId, comment_id: input.id, video_id: input.postId ?? '' },
          ]
        : ['comment/list', { business_id: business.businessId, video_id: input.id }];
    // Pages of 30 (the most TikTok gives), the `cursor` of each while `has_more`, to the read bound.
    const pages = await readPages<Record<string, unknown>, ErrorSpec>(async (cursor) => {
      const answer = await call(business, ctx, path, 'GET', {
        ...params,
        max_count: '30',
        ...(cursor ? { cursor } : {}),
      });
      if (!answer.ok) return { ok: false, failure: answer.error };
      const items = Array.isArray(answer.data.comments) ? answer.data.comments.filter(isObject) : [];
      const more = answer.data.has_more === true && answer.data.cursor !== undefined;
      return { ok: true, items, next: more ? String(answer.data.cursor) : undefined };
    });
    if (!pages.ok) return { kind: 'failed', error: pages.failure };
    if (pages.truncated)
      ctx.log.info({ id: input.id, read: pages.items.length }, 'tiktok: comments read up to the bound');
    return { kind: 'listed', comments: pages.items.map((c) => viewOf(c, String(c.video_id ?? input.id))) };
  },
  async delete(input, ctx) {
    const business = businessOf(input.account, ctx);
    if ('code' in business) return { kind: 'failed', error: business };
    const answer = await call(business, ctx, 'comment/delete', 'POST', {
      business_id: business.businessId,
      comment_id: input.commentId,
    });
    return answer.ok ? { kind: 'deleted' } : { kind: 'failed', error: answer.error };
  },
};
