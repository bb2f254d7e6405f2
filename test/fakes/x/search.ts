import type { EngagementBook } from '../engagement.ts';
import type { FakeRequest, Reply } from '../http.ts';
import { X_BODIES } from './bodies.ts';
import { createdAtOf, type FakeApp, type FakeTweet, type FakeUser, type XState } from './fake-x.ts';
import { identityRefusal, tweetObject } from './reads.ts';

/**
 * Recent search (`GET /2/tweets/search/recent`), as docs.x.com describes it: the posts
 * with only the fields asked for (`tweet.fields`, as a lookup prints them, reads.ts;
 * `expansions=author_id` with `user.fields`), the last 7 days, newest first,
 * `max_results` 10 to 100, `meta.next_token` while more pages exist, and
 * `{"meta":{"result_count":0}}` when nothing matched. An app whose access has no search
 * (legacy Free) is refused with 403 client-forbidden. The fake understands one search
 * operator, `conversation_id:`, the only one Herald sends.
 */

const WEEK_MS = 7 * 24 * 3600 * 1000;

function fieldsOf(request: FakeRequest, name: string): Set<string> {
  return new Set((request.query.get(name) ?? '').split(',').filter(Boolean));
}

function invalid(parameter: string, value: string, message: string): Reply {
  return X_BODIES.invalid(message, { [parameter]: [value] });
}

/** next_token: an opaque cursor (here, the position in the newest-first result set). */
const tokenOf = (offset: number) => `b26v89c19zqg8o3f${offset.toString(36).padStart(6, '0')}`;
const offsetOf = (token: string) =>
  /^b26v89c19zqg8o3f[0-9a-z]{6}$/.test(token) ? Number.parseInt(token.slice(16), 36) : undefined;

function search(state: XState, book: EngagementBook, request: FakeRequest, caller: FakeUser): Reply {
  const query = request.query.get('query') ?? '';
  const conversation = /^conversation_id:(\d+)$/.exec(query.trim())?.[1];
  if (!conversation)
    return invalid('query', query, `The fake X understands only conversation_id: (${query})`);
  const raw = request.query.get('max_results') ?? '10';
  const max = Number(raw);
  if (!Number.isInteger(max) || max < 10 || max > 100)
    return invalid(
      'max_results',
      raw,
      `The \`max_results\` query parameter value [${raw}] is not between 10 and 100`,
    );
  const token = request.query.get('next_token');
  const start = token === null ? 0 : offsetOf(token);
  if (start === undefined)
    return invalid(
      'next_token',
      token ?? '',
      `The \`next_token\` query parameter value [${token}] is not valid`,
    );
  const since = Date.now() - WEEK_MS;
  const matched = state.tweets
    .filter((t) => !t.deleted && (t.conversationId ?? t.id) === conversation && t.id !== conversation)
    .filter((t) => createdAtOf(t) >= since)
    .sort((a, b) => createdAtOf(b) - createdAtOf(a) || (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
  const page = matched.slice(start, start + max);
  if (page.length === 0) return { status: 200, body: { meta: { result_count: 0 } } };
  const fields = fieldsOf(request, 'tweet.fields');
  const body: Record<string, unknown> = {
    data: page.map((t) => tweetObject(book, t, fields, t.authorId === caller.id, state)),
  };
  if (request.query.get('expansions')?.split(',').includes('author_id')) {
    const ids = [...new Set(page.map((t) => t.authorId))];
    const wanted = fieldsOf(request, 'user.fields');
    body.includes = {
      users: ids.flatMap((id) => {
        const user = state.users.get(id);
        if (!user) return [];
        return [
          {
            id,
            name: user.name,
            username: user.username,
            ...(wanted.has('verified') ? { verified: false } : {}),
          },
        ];
      }),
    };
  }
  const last = page.at(-1) as FakeTweet;
  body.meta = {
    newest_id: page[0]?.id,
    oldest_id: last.id,
    result_count: page.length,
    ...(start + max < matched.length ? { next_token: tokenOf(start + max) } : {}),
  };
  return { status: 200, body };
}

export function handleSearch(
  state: XState,
  book: EngagementBook,
  request: FakeRequest,
  caller: { app: FakeApp; user: FakeUser },
): Reply {
  if (request.path !== '/2/tweets/search/recent')
    return {
      status: 404,
      body: { title: 'Not Found Error', detail: 'Sorry, that page does not exist.', type: 'about:blank' },
    };
  if (caller.app.noSearch) return X_BODIES.clientForbidden();
  return identityRefusal(caller.user) ?? search(state, book, request, caller.user);
}
