import type { AnalyticsSamples, Metrics, SampleSeed } from '../analytics-types.ts';
import { sampleNumbers } from '../shared/sample-numbers.ts';

/** Mastodon's Status and Account entities (docs.joinmastodon.org/entities), counts camelCased. */

const count = (value: unknown) => (typeof value === 'number' ? value : 0);

export function statusAnalytics(status: Record<string, unknown>): Metrics {
  return {
    post: status.content,
    created: status.created_at,
    visibility: status.visibility,
    language: status.language,
    repliesCount: count(status.replies_count),
    reblogsCount: count(status.reblogs_count),
    favouritesCount: count(status.favourites_count),
    ...(typeof status.quotes_count === 'number' ? { quotesCount: status.quotes_count } : {}),
  };
}

export function statusItem(status: Record<string, unknown>): Metrics {
  return {
    id: status.id,
    post: status.content,
    postUrl: status.url,
    created: status.created_at,
    likeCount: count(status.favourites_count),
    commentsCount: count(status.replies_count),
    reblogsCount: count(status.reblogs_count),
  };
}

export function accountAnalytics(account: Record<string, unknown>): Metrics {
  return {
    username: account.username,
    acct: account.acct,
    displayName: account.display_name,
    url: account.url,
    created: account.created_at,
    followersCount: count(account.followers_count),
    followingCount: count(account.following_count),
    statusesCount: count(account.statuses_count),
  };
}

function sampleStatus(seed: SampleSeed): Record<string, unknown> {
  const n = sampleNumbers(seed.id);
  return {
    id: seed.id,
    url: seed.postUrl,
    content: `<p>${seed.text}</p>`,
    created_at: seed.created,
    visibility: 'public',
    language: 'en',
    replies_count: n.comments,
    reblogs_count: n.shares,
    favourites_count: n.likes,
  };
}

export const MASTODON_SAMPLES: AnalyticsSamples = {
  post: (seed) => statusAnalytics(sampleStatus(seed)),
  account(seed) {
    const n = sampleNumbers(seed.id);
    return accountAnalytics({
      username: seed.username,
      acct: seed.username,
      display_name: seed.text,
      url: seed.postUrl,
      created_at: seed.created,
      followers_count: n.followers,
      following_count: n.following,
      statuses_count: n.posts,
    });
  },
  historyItem: (seed) => statusItem(sampleStatus(seed)),
};
