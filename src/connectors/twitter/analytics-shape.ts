import type { AnalyticsSamples, Metrics, SampleSeed } from '../analytics-types.ts';
import { sampleNumbers } from '../shared/sample-numbers.ts';
import { isObject } from './wire.ts';

/**
 * X's answers in Ayrshare's shape: `publicMetrics`, `nonPublicMetrics`, `organicMetrics`
 * with X's fields in camelCase (X gives the last two only for the user's own posts of the
 * last 30 days; they are then simply absent).
 */
export const TWEET_FIELDS = 'created_at,public_metrics,non_public_metrics,organic_metrics';
export const LIST_FIELDS = 'created_at,public_metrics';
export const USER_FIELDS = 'public_metrics,description,created_at,verified';

const camel = (name: string) => name.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

function camelCounts(value: unknown): Record<string, number> | undefined {
  if (!isObject(value)) return undefined;
  const out: Record<string, number> = {};
  for (const [key, count] of Object.entries(value)) if (typeof count === 'number') out[camel(key)] = count;
  return out;
}

export function tweetUrl(username: string, id: string): string {
  return `https://x.com/${username}/status/${id}`;
}

export function tweetAnalytics(tweet: Record<string, unknown>): Metrics {
  const out: Metrics = {
    created: tweet.created_at,
    post: tweet.text,
    publicMetrics: camelCounts(tweet.public_metrics) ?? {},
  };
  const nonPublic = camelCounts(tweet.non_public_metrics);
  const organic = camelCounts(tweet.organic_metrics);
  if (nonPublic) out.nonPublicMetrics = nonPublic;
  if (organic) out.organicMetrics = organic;
  return out;
}

export function tweetItem(tweet: Record<string, unknown>, username: string): Metrics {
  const metrics = camelCounts(tweet.public_metrics) ?? {};
  return {
    id: tweet.id,
    post: tweet.text,
    postUrl: tweetUrl(username, String(tweet.id)),
    created: tweet.created_at,
    likeCount: metrics.likeCount ?? 0,
    commentsCount: metrics.replyCount ?? 0,
    publicMetrics: metrics,
  };
}

export function userAnalytics(user: Record<string, unknown>): Metrics {
  const metrics = camelCounts(user.public_metrics) ?? {};
  return {
    id: user.id,
    name: user.name,
    username: user.username,
    description: user.description,
    created: user.created_at,
    verified: user.verified,
    followersCount: metrics.followersCount ?? 0,
    followingCount: metrics.followingCount ?? 0,
    tweetCount: metrics.tweetCount ?? 0,
    listedCount: metrics.listedCount ?? 0,
    likeCount: metrics.likeCount ?? 0,
  };
}

function sampleTweet(seed: SampleSeed, own: boolean): Record<string, unknown> {
  const n = sampleNumbers(seed.id);
  return {
    id: seed.id,
    text: seed.text,
    created_at: seed.created,
    public_metrics: {
      retweet_count: n.shares,
      reply_count: n.comments,
      like_count: n.likes,
      quote_count: n.quotes,
      bookmark_count: n.saves,
      impression_count: n.views,
    },
    ...(own
      ? {
          non_public_metrics: {
            impression_count: n.views,
            url_link_clicks: n.clicks,
            user_profile_clicks: Math.round(n.clicks / 3),
          },
          organic_metrics: {
            impression_count: n.views,
            like_count: n.likes,
            reply_count: n.comments,
            retweet_count: n.shares,
            url_link_clicks: n.clicks,
            user_profile_clicks: Math.round(n.clicks / 3),
          },
        }
      : {}),
  };
}

export const TWITTER_SAMPLES: AnalyticsSamples = {
  post: (seed) => tweetAnalytics(sampleTweet(seed, true)),
  account(seed) {
    const n = sampleNumbers(seed.id);
    return userAnalytics({
      id: seed.id,
      name: seed.text,
      username: seed.username,
      description: '',
      created_at: seed.created,
      verified: false,
      public_metrics: {
        followers_count: n.followers,
        following_count: n.following,
        tweet_count: n.posts,
        listed_count: Math.round(n.followers / 200),
        like_count: n.likes * 3,
      },
    });
  },
  historyItem: (seed) => tweetItem(sampleTweet(seed, true), seed.username),
};
