import type { AnalyticsSamples, Metrics, SampleSeed } from '../analytics-types.ts';
import { count } from '../shared/graph-analytics.ts';
import { sampleNumbers } from '../shared/sample-numbers.ts';

/** Threads' answers (Threads Insights API), each metric under Meta's own name. */
export const THREAD_FIELDS = 'id,text,permalink,timestamp,media_type,username';
export const THREAD_METRICS = 'views,likes,replies,reposts,quotes,shares';
export const USER_FIELDS = 'id,username,name,threads_biography';
export const USER_METRICS = 'views,likes,replies,reposts,quotes,followers_count';

function iso(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

export function threadItem(thread: Record<string, unknown>): Metrics {
  return {
    id: thread.id,
    post: typeof thread.text === 'string' ? thread.text : '',
    postUrl: thread.permalink,
    created: iso(thread.timestamp),
    mediaType: thread.media_type,
  };
}

export function threadAnalytics(thread: Record<string, unknown>, insights: Record<string, unknown>): Metrics {
  return {
    post: typeof thread.text === 'string' ? thread.text : '',
    created: iso(thread.timestamp),
    mediaType: thread.media_type,
    username: thread.username,
    views: count(insights.views),
    likes: count(insights.likes),
    replies: count(insights.replies),
    reposts: count(insights.reposts),
    quotes: count(insights.quotes),
    shares: count(insights.shares),
  };
}

export function userAnalytics(user: Record<string, unknown>, insights: Record<string, unknown>): Metrics {
  return {
    username: user.username,
    name: user.name,
    biography: user.threads_biography,
    followersCount: count(insights.followers_count),
    views: count(insights.views),
    likes: count(insights.likes),
    replies: count(insights.replies),
    reposts: count(insights.reposts),
    quotes: count(insights.quotes),
  };
}

function sampleThread(seed: SampleSeed): Record<string, unknown> {
  return {
    id: seed.id,
    text: seed.text,
    permalink: seed.postUrl,
    timestamp: seed.created,
    media_type: 'TEXT_POST',
    username: seed.username,
  };
}

export const THREADS_SAMPLES: AnalyticsSamples = {
  post(seed) {
    const n = sampleNumbers(seed.id);
    return threadAnalytics(sampleThread(seed), {
      views: n.views,
      likes: n.likes,
      replies: n.comments,
      reposts: n.shares,
      quotes: n.quotes,
      shares: Math.round(n.shares / 2),
    });
  },
  account(seed) {
    const n = sampleNumbers(seed.id);
    return userAnalytics(
      { username: seed.username, name: seed.text, threads_biography: '' },
      {
        views: n.views * 6,
        likes: n.likes * 5,
        replies: n.comments * 5,
        reposts: n.shares * 5,
        quotes: n.quotes * 5,
        followers_count: n.followers,
      },
    );
  },
  historyItem(seed) {
    return threadItem(sampleThread(seed));
  },
};
