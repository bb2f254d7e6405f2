import type { EngagementBook } from '../engagement.ts';
import type { FakeRequest, Reply } from '../http.ts';
import { X_BODIES } from './bodies.ts';
import { createdAtOf, type FakeTweet, type FakeUser, type XState } from './fake-x.ts';

/**
 * X's v2 lookups, as docs.x.com documents them: `GET /2/tweets/:id` with `tweet.fields`
 * (public_metrics for anyone; non_public_metrics and organic_metrics only for the
 * authenticated user's own posts), the user lookups with `user.fields=public_metrics`, and
 * a user's timeline `GET /2/users/:id/tweets` paged by `pagination_token`. A lookup of a
 * post that does not exist is HTTP 200 with an `errors` array and no `data`.
 */

const PROBLEMS = 'https://api.twitter.com/2/problems';

function fieldsOf(request: FakeRequest, name: string): Set<string> {
  return new Set((request.query.get(name) ?? '').split(',').filter(Boolean));
}

/** Identity failures answer every call of the account, reads included. */
export function identityRefusal(user: FakeUser): Reply | undefined {
  if (user.suspended) return X_BODIES.suspended();
  if (user.locked) return X_BODIES.locked();
  return undefined;
}

export function tweetObject(
  book: EngagementBook,
  tweet: FakeTweet,
  fields: Set<string>,
  own: boolean,
  state?: XState,
) {
  const e = book.of(tweet.id);
  const out: Record<string, unknown> = { id: tweet.id, text: tweet.text, edit_history_tweet_ids: [tweet.id] };
  if (fields.has('created_at')) out.created_at = new Date(createdAtOf(tweet)).toISOString();
  if (fields.has('author_id')) out.author_id = tweet.authorId;
  if (fields.has('conversation_id')) out.conversation_id = tweet.conversationId ?? tweet.id;
  if (fields.has('referenced_tweets') && tweet.replyTo)
    out.referenced_tweets = [{ type: 'replied_to', id: tweet.replyTo }];
  if (fields.has('in_reply_to_user_id') && tweet.replyTo) {
    const parent = state?.tweets.find((t) => t.id === tweet.replyTo);
    if (parent) out.in_reply_to_user_id = parent.authorId;
  }
  if (fields.has('public_metrics'))
    out.public_metrics = {
      retweet_count: e.reposts,
      reply_count: e.replies,
      like_count: e.like,
      quote_count: e.quotes,
      bookmark_count: e.saves,
      impression_count: e.views,
    };
  if (own && fields.has('non_public_metrics'))
    out.non_public_metrics = {
      impression_count: e.views,
      url_link_clicks: e.clicks,
      user_profile_clicks: e.follows,
    };
  if (own && fields.has('organic_metrics'))
    out.organic_metrics = {
      impression_count: e.views,
      like_count: e.like,
      reply_count: e.replies,
      retweet_count: e.reposts,
      url_link_clicks: e.clicks,
      user_profile_clicks: e.follows,
    };
  return out;
}

/** Fields a caller may not read on someone else's post: X names each in `errors`. */
function fieldErrors(tweet: FakeTweet, fields: Set<string>) {
  return ['non_public_metrics', 'organic_metrics']
    .filter((field) => fields.has(field))
    .map((field) => ({
      value: tweet.id,
      detail: `Sorry, you are not authorized to access '${field}' on the Tweet with ids: [${tweet.id}].`,
      title: 'Field Authorization Error',
      resource_type: 'tweet',
      parameter: 'tweet.fields',
      resource_id: tweet.id,
      section: 'data',
      field,
      type: `${PROBLEMS}/not-authorized-for-field`,
    }));
}

function userObject(book: EngagementBook, user: FakeUser, fields: Set<string>) {
  const e = book.of(user.id);
  const out: Record<string, unknown> = { id: user.id, name: user.name, username: user.username };
  if (fields.has('public_metrics'))
    out.public_metrics = {
      followers_count: e.followers,
      following_count: e.follows,
      tweet_count: e.mediaCount,
      listed_count: e.wow,
      like_count: e.like,
    };
  if (fields.has('description')) out.description = `${user.name} on X`;
  if (fields.has('created_at')) out.created_at = '2020-06-01T10:00:00.000Z';
  if (fields.has('verified')) out.verified = false;
  return out;
}

export function handleReads(
  state: XState,
  book: EngagementBook,
  request: FakeRequest,
  caller: FakeUser,
): Reply | undefined {
  if (request.method !== 'GET') return undefined;
  const tweet = /^\/2\/tweets\/(\d+)$/.exec(request.path);
  if (tweet) {
    const refused = identityRefusal(caller);
    if (refused) return refused;
    const found = state.tweets.find((t) => t.id === tweet[1] && !t.deleted);
    const fields = fieldsOf(request, 'tweet.fields');
    if (!found)
      return {
        status: 200,
        body: {
          errors: [
            {
              value: tweet[1],
              detail: `Could not find tweet with id: [${tweet[1]}].`,
              title: 'Not Found Error',
              resource_type: 'tweet',
              parameter: 'id',
              resource_id: tweet[1],
              type: `${PROBLEMS}/resource-not-found`,
            },
          ],
        },
      };
    const own = found.authorId === caller.id;
    const errors = own ? [] : fieldErrors(found, fields);
    return {
      status: 200,
      body: { data: tweetObject(book, found, fields, own, state), ...(errors.length ? { errors } : {}) },
    };
  }
  const users = /^\/2\/users\/(me|\d+|by\/username\/(\w+))$/.exec(request.path);
  if (users) {
    const refused = identityRefusal(caller);
    if (refused) return refused;
    const user =
      users[1] === 'me'
        ? caller
        : [...state.users.values()].find(
            (u) => u.id === users[1] || u.username.toLowerCase() === users[2]?.toLowerCase(),
          );
    if (!user)
      return {
        status: 200,
        body: {
          errors: [
            {
              value: users[2] ?? users[1],
              detail: `Could not find user with ${users[2] ? 'username' : 'id'}: [${users[2] ?? users[1]}].`,
              title: 'Not Found Error',
              resource_type: 'user',
              parameter: users[2] ? 'username' : 'id',
              resource_id: users[2] ?? users[1],
              type: `${PROBLEMS}/resource-not-found`,
            },
          ],
        },
      };
    return { status: 200, body: { data: userObject(book, user, fieldsOf(request, 'user.fields')) } };
  }
  const timeline = /^\/2\/users\/(\d+)\/tweets$/.exec(request.path);
  if (timeline) {
    const refused = identityRefusal(caller);
    if (refused) return refused;
    const max = Number(request.query.get('max_results') ?? 10);
    if (!Number.isInteger(max) || max < 5 || max > 100)
      return X_BODIES.invalid(`The \`max_results\` query parameter value [${max}] is not between 5 and 100`, {
        max_results: [String(max)],
      });
    const all = state.tweets.filter((t) => t.authorId === timeline[1] && !t.deleted).reverse();
    const token = request.query.get('pagination_token');
    const start = token ? Number(Buffer.from(token, 'base64url').toString()) : 0;
    const page = all.slice(start, start + max);
    const end = start + page.length;
    const fields = fieldsOf(request, 'tweet.fields');
    return {
      status: 200,
      body: {
        ...(page.length
          ? { data: page.map((t) => tweetObject(book, t, fields, t.authorId === caller.id)) }
          : {}),
        meta: {
          result_count: page.length,
          ...(page.length ? { newest_id: page[0]?.id, oldest_id: page.at(-1)?.id } : {}),
          ...(end < all.length ? { next_token: Buffer.from(String(end)).toString('base64url') } : {}),
        },
      },
    };
  }
  return undefined;
}
