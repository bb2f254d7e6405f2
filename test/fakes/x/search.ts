import type { FakeRequest, Reply } from '../http.ts';
import { X_BODIES } from './bodies.ts';
import type { FakeApp, FakeTweet, XState } from './fake-x.ts';

/**
 * The reads Herald makes of X: post lookup (`GET /2/tweets/:id`) and recent search
 * (`GET /2/tweets/search/recent`), as docs.x.com describes them: only the fields asked
 * for (`tweet.fields`, `expansions=author_id` with `user.fields`), the last 7 days,
 * newest first, `max_results` 10 to 100, `meta.next_token` while more pages exist, and
 * `{"meta":{"result_count":0}}` when nothing matched. A lookup of a missing post answers
 * 200 with a per-resource problem. An app whose access has no search (legacy Free) is
 * refused with 403 client-forbidden on both. The fake understands one search operator,
 * `conversation_id:`, the only one Herald sends.
 */

const WEEK_MS = 7 * 24 * 3600 * 1000;

function fieldsOf(request: FakeRequest, name: string): Set<string> {
  return new Set((request.query.get(name) ?? '').split(',').filter(Boolean));
}

function tweetJson(state: XState, tweet: FakeTweet, fields: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = { id: tweet.id, text: tweet.text, edit_history_tweet_ids: [tweet.id] };
  if (fields.has('author_id')) out.author_id = tweet.authorId;
  if (fields.has('conversation_id')) out.conversation_id = tweet.conversationId;
  if (fields.has('created_at')) out.created_at = new Date(tweet.createdAt).toISOString();
  if (fields.has('referenced_tweets') && tweet.replyTo)
    out.referenced_tweets = [{ type: 'replied_to', id: tweet.replyTo }];
  if (fields.has('in_reply_to_user_id') && tweet.replyTo) {
    const parent = state.tweets.find((t) => t.id === tweet.replyTo);
    if (parent) out.in_reply_to_user_id = parent.authorId;
  }
  if (fields.has('public_metrics'))
    out.public_metrics = {
      retweet_count: 0,
      reply_count: state.tweets.filter((t) => t.replyTo === tweet.id && !t.deleted).length,
      like_count: tweet.likeCount,
      quote_count: 0,
      bookmark_count: 0,
      impression_count: 0,
    };
  return out;
}

function invalid(parameter: string, value: string, message: string): Reply {
  return X_BODIES.invalid(message, { [parameter]: [value] });
}

function lookup(state: XState, request: FakeRequest, id: string): Reply {
  const tweet = state.tweets.find((t) => t.id === id && !t.deleted);
  if (!tweet) {
    return {
      status: 200,
      body: {
        errors: [
          {
            value: id,
            detail: `Could not find tweet with id: [${id}].`,
            title: 'Not Found Error',
            resource_type: 'tweet',
            parameter: 'id',
            resource_id: id,
            type: 'https://api.twitter.com/2/problems/resource-not-found',
          },
        ],
      },
    };
  }
  return { status: 200, body: { data: tweetJson(state, tweet, fieldsOf(request, 'tweet.fields')) } };
}

/** next_token: an opaque cursor (here, the position in the newest-first result set). */
const tokenOf = (offset: number) => `b26v89c19zqg8o3f${offset.toString(36).padStart(6, '0')}`;
const offsetOf = (token: string) =>
  /^b26v89c19zqg8o3f[0-9a-z]{6}$/.test(token) ? Number.parseInt(token.slice(16), 36) : undefined;

function search(state: XState, request: FakeRequest): Reply {
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
    .filter((t) => !t.deleted && t.conversationId === conversation && t.id !== conversation)
    .filter((t) => t.createdAt >= since)
    .sort((a, b) => b.createdAt - a.createdAt || (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
  const page = matched.slice(start, start + max);
  if (page.length === 0) return { status: 200, body: { meta: { result_count: 0 } } };
  const fields = fieldsOf(request, 'tweet.fields');
  const body: Record<string, unknown> = { data: page.map((t) => tweetJson(state, t, fields)) };
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

export function handleSearch(state: XState, request: FakeRequest, app: FakeApp): Reply {
  const isSearch = request.path === '/2/tweets/search/recent';
  const lookupId = /^\/2\/tweets\/(\d+)$/.exec(request.path)?.[1];
  if (!isSearch && !lookupId)
    return {
      status: 404,
      body: { title: 'Not Found Error', detail: 'Sorry, that page does not exist.', type: 'about:blank' },
    };
  if (app.noSearch) return X_BODIES.clientForbidden();
  return isSearch ? search(state, request) : lookup(state, request, lookupId as string);
}
