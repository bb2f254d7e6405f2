import type { EngagementBook } from '../engagement.ts';
import type { FakeRequest, Reply } from '../http.ts';
import { INVALID, NOT_PERMITTED, PIN_NOT_FOUND } from './errors.ts';
import type { FakeUser, PinterestState } from './state.ts';

/**
 * The v5 reads analytics makes (pinterest/api-description v5/openapi.json): a Pin,
 * `GET /pins/{id}/analytics` (start_date within 90 days, end_date not before it,
 * `metric_types` required; `{all: {daily_metrics, lifetime_metrics, summary_metrics}}`),
 * `GET /user_account` with its counts, `GET /user_account/analytics`, and `GET /pins`
 * paged by an opaque `bookmark`. Reads need pins:read / user_accounts:read (29 otherwise).
 */

const DAY = 86_400_000;

function dates(request: FakeRequest): Reply | { start: number; end: number } {
  const start = Date.parse(request.query.get('start_date') ?? '');
  const end = Date.parse(request.query.get('end_date') ?? '');
  if (Number.isNaN(start) || Number.isNaN(end) || end < start)
    return INVALID('start_date and end_date are required, end_date not before start_date.');
  if (start < Date.now() - 90 * DAY - DAY) return INVALID('start_date cannot be more than 90 days ago.');
  return { start, end };
}

function metricTypes(request: FakeRequest): string[] | Reply {
  const types = (request.query.get('metric_types') ?? '').split(',').filter(Boolean);
  return types.length > 0 ? types : INVALID('metric_types is required.');
}

function values(book: EngagementBook, id: string): Record<string, number> {
  const e = book.of(id);
  return {
    IMPRESSION: e.views,
    SAVE: e.saves,
    PIN_CLICK: e.clicks,
    OUTBOUND_CLICK: Math.round(e.clicks / 2),
    TOTAL_COMMENTS: e.comments,
    TOTAL_REACTIONS: e.like,
    ENGAGEMENT: e.like + e.saves + e.clicks,
    ENGAGEMENT_RATE: Number(((e.like + e.saves + e.clicks) / Math.max(1, e.views)).toFixed(4)),
  };
}

function analytics(book: EngagementBook, id: string, request: FakeRequest, lifetime: boolean): Reply {
  const range = dates(request);
  if ('status' in range) return range;
  const types = metricTypes(request);
  if (!Array.isArray(types)) return types;
  const all = values(book, id);
  const picked = Object.fromEntries(types.map((t) => [t, all[t] ?? 0]));
  const daily = [
    { date: new Date(range.end).toISOString().slice(0, 10), data_status: 'READY', metrics: picked },
  ];
  return {
    status: 200,
    body: {
      all: {
        daily_metrics: daily,
        summary_metrics: picked,
        ...(lifetime ? { lifetime_metrics: picked } : {}),
      },
    },
  };
}

export function handleReads(
  state: PinterestState,
  book: EngagementBook,
  request: FakeRequest,
  user: FakeUser,
): Reply | undefined {
  if (request.method !== 'GET') return undefined;
  const scopes = user.scopes ?? new Set(['pins:read', 'pins:write', 'boards:read', 'user_accounts:read']);
  const pinAnalytics = /^\/v5\/pins\/([^/]+)\/analytics$/.exec(request.path);
  const pin = /^\/v5\/pins\/([^/]+)$/.exec(request.path);
  if (pinAnalytics || pin) {
    if (!scopes.has('pins:read')) return NOT_PERMITTED;
    const id = decodeURIComponent((pinAnalytics ?? pin)?.[1] ?? '');
    const found = state.pins.find((p) => p.id === id && !p.deleted);
    if (!found) return PIN_NOT_FOUND;
    if (found.owner !== user.id) return NOT_PERMITTED;
    if (pinAnalytics) return analytics(book, id, request, true);
    return { status: 200, body: { id, created_at: found.createdAt, ...found.body } };
  }
  if (request.path === '/v5/pins') {
    if (!scopes.has('pins:read')) return NOT_PERMITTED;
    const size = Math.min(Number(request.query.get('page_size') ?? 25), 250);
    const all = state.pins.filter((p) => p.owner === user.id && !p.deleted).reverse();
    const bookmark = request.query.get('bookmark');
    const start = bookmark ? Number(Buffer.from(bookmark, 'base64url').toString()) : 0;
    const page = all.slice(start, start + size);
    const end = start + page.length;
    return {
      status: 200,
      body: {
        items: page.map((p) => ({ id: p.id, created_at: p.createdAt, ...p.body })),
        bookmark: end < all.length ? Buffer.from(String(end)).toString('base64url') : null,
      },
    };
  }
  if (request.path === '/v5/user_account/analytics') {
    if (!scopes.has('user_accounts:read')) return NOT_PERMITTED;
    return analytics(book, user.id, request, false);
  }
  return undefined;
}
