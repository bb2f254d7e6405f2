import type { EngagementBook } from '../engagement.ts';
import type { FakeRequest, Reply } from '../http.ts';
import { statusEntity } from './entities.ts';
import type { FakeAccount, MastodonState } from './state.ts';
import { mastodonError } from './statuses.ts';

/**
 * The reads analytics makes (docs.joinmastodon.org/methods): `GET /api/v1/statuses/:id`
 * (a status the account can see, 404 "Record not found" otherwise) with its counts, and
 * `GET /api/v1/accounts/:id/statuses?limit&max_id` (newest first, at most 40, the next page
 * named in a `Link` header). A token without `read` scopes gets 403.
 */

export function withCounts(book: EngagementBook, entity: Record<string, unknown>): Record<string, unknown> {
  const e = book.of(String(entity.id));
  return { ...entity, replies_count: e.replies, reblogs_count: e.reposts, favourites_count: e.like };
}

const OUTSIDE_SCOPES = mastodonError(403, 'This action is outside the authorized scopes');

export function handleReads(
  state: MastodonState,
  book: EngagementBook,
  request: FakeRequest,
  account: FakeAccount,
  origin: string,
): Reply | undefined {
  if (request.method !== 'GET') return undefined;
  const readable = !account.scopes || account.scopes.has('read');
  const one = /^\/api\/v1\/statuses\/([^/]+)$/.exec(request.path);
  if (one) {
    if (!readable) return OUTSIDE_SCOPES;
    const status = state.statuses.find((s) => s.id === decodeURIComponent(one[1] ?? '') && !s.deleted);
    if (!status) return mastodonError(404, 'Record not found');
    return { status: 200, body: withCounts(book, statusEntity(state, status)) };
  }
  const list = /^\/api\/v1\/accounts\/([^/]+)\/statuses$/.exec(request.path);
  if (list) {
    if (!readable) return OUTSIDE_SCOPES;
    const limit = Math.min(Number(request.query.get('limit') ?? 20), 40);
    const maxId = request.query.get('max_id');
    const all = state.statuses
      .filter((s) => s.accountId === list[1] && !s.deleted && (!maxId || BigInt(s.id) < BigInt(maxId)))
      .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
    const page = all.slice(0, limit);
    const last = page.at(-1);
    const first = page[0];
    const base = `${origin}/api/v1/accounts/${list[1]}/statuses?limit=${limit}`;
    const links = [
      ...(all.length > page.length && last ? [`<${base}&max_id=${last.id}>; rel="next"`] : []),
      ...(first ? [`<${base}&min_id=${first.id}>; rel="prev"`] : []),
    ];
    return {
      status: 200,
      body: page.map((s) => withCounts(book, statusEntity(state, s))),
      ...(links.length ? { headers: { link: links.join(', ') } } : {}),
    };
  }
  return undefined;
}
