import type { AnalyticsSamples, Metrics, SampleSeed } from '../analytics-types.ts';
import { sampleNumbers } from '../shared/sample-numbers.ts';
import { isObject } from './wire.ts';

/** Reddit's `t3` things and the account, Reddit's fields in camelCase. */

const count = (value: unknown) => (typeof value === 'number' ? value : 0);
const created = (value: unknown) =>
  typeof value === 'number' ? new Date(value * 1000).toISOString() : undefined;

export function postUrlOf(thing: Record<string, unknown>): string | undefined {
  return typeof thing.permalink === 'string' ? `https://www.reddit.com${thing.permalink}` : undefined;
}

/** The `data` of each child of a Listing. */
export function childrenOf(listing: Record<string, unknown>): Record<string, unknown>[] {
  const data = isObject(listing.data) ? listing.data : {};
  const children = Array.isArray(data.children) ? data.children.filter(isObject) : [];
  return children.map((c) => (isObject(c.data) ? c.data : {}));
}

export function postAnalytics(post: Record<string, unknown>): Metrics {
  return {
    title: post.title,
    post: post.selftext,
    subreddit: post.subreddit,
    created: created(post.created_utc),
    url: post.url,
    score: count(post.score),
    ups: count(post.ups),
    upvoteRatio: typeof post.upvote_ratio === 'number' ? post.upvote_ratio : 0,
    numComments: count(post.num_comments),
    numCrossposts: count(post.num_crossposts),
    totalAwardsReceived: count(post.total_awards_received),
  };
}

export function postItem(post: Record<string, unknown>): Metrics {
  return {
    id: post.name,
    post: post.title,
    postUrl: postUrlOf(post),
    created: created(post.created_utc),
    subreddit: post.subreddit,
    score: count(post.score),
    likeCount: count(post.ups),
    commentsCount: count(post.num_comments),
  };
}

export function accountAnalytics(me: Record<string, unknown>): Metrics {
  return {
    name: me.name,
    created: created(me.created_utc),
    totalKarma: count(me.total_karma),
    linkKarma: count(me.link_karma),
    commentKarma: count(me.comment_karma),
    awardeeKarma: count(me.awardee_karma),
    awarderKarma: count(me.awarder_karma),
    isGold: me.is_gold === true,
    isMod: me.is_mod === true,
  };
}

function samplePost(seed: SampleSeed): Record<string, unknown> {
  const n = sampleNumbers(seed.id);
  return {
    name: seed.id,
    title: seed.text.slice(0, 300),
    selftext: seed.text,
    subreddit: 'test',
    permalink: seed.postUrl.replace(/^https:\/\/www\.reddit\.com/, ''),
    url: seed.postUrl,
    created_utc: Date.parse(seed.created) / 1000,
    score: n.likes,
    ups: n.likes,
    upvote_ratio: 0.8 + (n.likes % 20) / 100,
    num_comments: n.comments,
    num_crossposts: n.quotes,
    total_awards_received: 0,
  };
}

export const REDDIT_SAMPLES: AnalyticsSamples = {
  post: (seed) => postAnalytics(samplePost(seed)),
  account(seed) {
    const n = sampleNumbers(seed.id);
    return accountAnalytics({
      name: seed.username,
      created_utc: Date.parse(seed.created) / 1000,
      total_karma: n.likes * 10,
      link_karma: n.likes * 7,
      comment_karma: n.likes * 3,
    });
  },
  historyItem: (seed) => postItem(samplePost(seed)),
};
