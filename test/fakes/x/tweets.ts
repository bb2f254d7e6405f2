import { type FakeRequest, jsonOf, type Reply } from '../http.ts';
import { X_BODIES } from './bodies.ts';
import type { FakeTweet, FakeUser, XState } from './fake-x.ts';

/** POST /2/tweets and DELETE /2/tweets/:id, with X's refusals for the account's state. */

function rateHeaders(state: XState, user: FakeUser): Record<string, string> {
  const today = state.tweets.filter((t) => t.authorId === user.id).length;
  const reset = String(Math.floor(Date.now() / 1000) + 900);
  return {
    'x-rate-limit-limit': '100',
    'x-rate-limit-remaining': String(Math.max(0, 100 - today)),
    'x-rate-limit-reset': reset,
    'x-user-limit-24hour-limit': '17',
    'x-user-limit-24hour-remaining': String(Math.max(0, 17 - today)),
    'x-user-limit-24hour-reset': String(Math.floor(Date.now() / 1000) + 86_400),
  };
}

function refusal(user: FakeUser): Reply | undefined {
  if (user.accessLevel === 'read') return X_BODIES.oauth1Permissions();
  if (user.suspended) return X_BODIES.suspended();
  if (user.locked) return X_BODIES.locked();
  return undefined;
}

/** A post as X stores it; a reply joins the conversation of the post it answers. */
export function newTweet(
  state: XState,
  author: FakeUser,
  text: string,
  mediaIds: string[],
  replyTo?: string,
): FakeTweet {
  const id = state.nextId();
  const parent = replyTo ? state.tweets.find((t) => t.id === replyTo) : undefined;
  const tweet: FakeTweet = {
    id,
    authorId: author.id,
    text,
    mediaIds,
    conversationId: parent?.conversationId ?? parent?.id ?? id,
    createdAt: Date.now(),
    deleted: false,
  };
  if (replyTo) tweet.replyTo = replyTo;
  return tweet;
}

function createTweet(state: XState, request: FakeRequest, user: FakeUser): Reply {
  const body = jsonOf(request);
  const text = typeof body.text === 'string' ? body.text : '';
  const mediaIds = (body.media as { media_ids?: unknown } | undefined)?.media_ids;
  const ids = Array.isArray(mediaIds) ? mediaIds.map(String) : [];
  if (!text && ids.length === 0) return X_BODIES.invalid('text or media is required', { text: [''] });
  for (const id of ids) {
    const media = state.media.get(id);
    if (!media || media.ownerId !== user.id || media.state !== 'succeeded') {
      return X_BODIES.invalid('Your media IDs are invalid.', { 'media.media_ids': [id] });
    }
  }
  const replyTo = (body.reply as { in_reply_to_tweet_id?: unknown } | undefined)?.in_reply_to_tweet_id;
  if (typeof replyTo === 'string' && !state.tweets.some((t) => t.id === replyTo && !t.deleted)) {
    return X_BODIES.invalid('The replied-to tweet does not exist.', {
      'reply.in_reply_to_tweet_id': [replyTo],
    });
  }
  // X refuses the same text again from the same account.
  if (text && state.tweets.some((t) => t.authorId === user.id && !t.deleted && t.text === text)) {
    return X_BODIES.duplicate();
  }
  const tweet = newTweet(state, user, text, ids, typeof replyTo === 'string' ? replyTo : undefined);
  if (body.poll) tweet.poll = body.poll as FakeTweet['poll'];
  if (typeof body.quote_tweet_id === 'string') tweet.quote = body.quote_tweet_id;
  state.tweets.push(tweet);
  return {
    status: 201,
    body: { data: { id: tweet.id, text, edit_history_tweet_ids: [tweet.id] } },
    headers: rateHeaders(state, user),
  };
}

export function handleTweets(state: XState, request: FakeRequest, user: FakeUser): Reply {
  if (request.method === 'POST' && request.path === '/2/tweets') {
    return refusal(user) ?? createTweet(state, request, user);
  }
  const match = /^\/2\/tweets\/(\d+)$/.exec(request.path);
  if (request.method === 'DELETE' && match) {
    const refused = refusal(user);
    if (refused) return refused;
    const tweet = state.tweets.find((t) => t.id === match[1] && !t.deleted);
    if (!tweet) return X_BODIES.notFound(match[1] ?? '');
    if (tweet.authorId !== user.id) return X_BODIES.notPermitted();
    tweet.deleted = true;
    return { status: 200, body: { data: { deleted: true } } };
  }
  return {
    status: 404,
    body: { title: 'Not Found Error', detail: 'Sorry, that page does not exist.', type: 'about:blank' },
  };
}
