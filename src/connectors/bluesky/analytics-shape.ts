import type { AnalyticsSamples, Metrics, SampleSeed } from '../analytics-types.ts';
import { sampleNumbers } from '../shared/sample-numbers.ts';
import { postUrl } from './publish.ts';

/**
 * Bluesky's `app.bsky.feed.defs#postView` and `app.bsky.actor.defs#profileViewDetailed` in
 * Ayrshare's shape (its history example: cid, created, id, indexedAt, labels, likeCount,
 * post, postUrl, quoteCount, replyCount, repostCount, viewer).
 */

const count = (value: unknown) => (typeof value === 'number' ? value : 0);
const recordOf = (post: Record<string, unknown>) =>
  typeof post.record === 'object' && post.record !== null ? (post.record as Record<string, unknown>) : {};

/** `https://bsky.app/profile/<handle>/post/<rkey>` of a post view. */
export function urlOf(post: Record<string, unknown>): string | undefined {
  const author =
    typeof post.author === 'object' && post.author !== null ? (post.author as Record<string, unknown>) : {};
  const rkey = typeof post.uri === 'string' ? post.uri.split('/').at(-1) : undefined;
  return typeof author.handle === 'string' && rkey ? postUrl(author.handle, rkey) : undefined;
}

export function postAnalytics(post: Record<string, unknown>): Metrics {
  const record = recordOf(post);
  return {
    cid: post.cid,
    created: record.createdAt,
    indexedAt: post.indexedAt,
    labels: Array.isArray(post.labels) ? post.labels : [],
    likeCount: count(post.likeCount),
    post: record.text,
    quoteCount: count(post.quoteCount),
    replyCount: count(post.replyCount),
    repostCount: count(post.repostCount),
    ...(typeof post.viewer === 'object' && post.viewer !== null ? { viewer: post.viewer } : {}),
  };
}

export function postItem(post: Record<string, unknown>): Metrics {
  return { id: post.uri, postUrl: urlOf(post), ...postAnalytics(post) };
}

export function profileAnalytics(profile: Record<string, unknown>): Metrics {
  return {
    did: profile.did,
    handle: profile.handle,
    displayName: profile.displayName,
    description: profile.description,
    created: profile.createdAt,
    followersCount: count(profile.followersCount),
    followsCount: count(profile.followsCount),
    postsCount: count(profile.postsCount),
  };
}

function samplePost(seed: SampleSeed): Record<string, unknown> {
  const n = sampleNumbers(seed.id);
  return {
    uri: seed.id,
    cid: `bafyrei${seed.id.replace(/\W/g, '').slice(-20).toLowerCase()}`,
    author: { handle: seed.username },
    record: { $type: 'app.bsky.feed.post', text: seed.text, createdAt: seed.created },
    indexedAt: seed.created,
    labels: [],
    likeCount: n.likes,
    quoteCount: n.quotes,
    replyCount: n.comments,
    repostCount: n.shares,
  };
}

export const BLUESKY_SAMPLES: AnalyticsSamples = {
  post: (seed) => postAnalytics(samplePost(seed)),
  account(seed) {
    const n = sampleNumbers(seed.id);
    return profileAnalytics({
      did: seed.id,
      handle: seed.username,
      displayName: seed.text,
      description: '',
      createdAt: seed.created,
      followersCount: n.followers,
      followsCount: n.following,
      postsCount: n.posts,
    });
  },
  historyItem: (seed) => ({ ...postItem(samplePost(seed)), postUrl: seed.postUrl }),
};
