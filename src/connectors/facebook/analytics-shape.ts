import type { AnalyticsSamples, Metrics, SampleSeed } from '../analytics-types.ts';
import { count, summaryCount } from '../shared/graph-analytics.ts';
import { isObject } from '../shared/graph-client.ts';
import { sampleNumbers } from '../shared/sample-numbers.ts';

/**
 * Facebook's answers in Ayrshare's shape. The post fields Herald asks for, and the insights
 * metrics (Meta retired post_impressions_unique in 2025; post_total_media_view_unique
 * replaces it). One place for the names, read by the live calls and the sandbox alike.
 */
export const POST_FIELDS = [
  'id',
  'message',
  'created_time',
  'permalink_url',
  'full_picture',
  'shares',
  'reactions.summary(total_count).limit(0)',
  'comments.summary(total_count).limit(0)',
].join(',');
export const POST_METRICS = [
  'post_media_view',
  'post_total_media_view_unique',
  'post_clicks',
  'post_reactions_by_type_total',
].join(',');
export const PAGE_FIELDS = 'id,name,username,link,fan_count,followers_count';
export const PAGE_METRICS = 'page_media_view,page_total_media_view_unique,page_post_engagements,page_follows';

const REACTIONS = ['like', 'love', 'wow', 'haha', 'sorry', 'anger'] as const;

/** Meta prints `2026-07-08T10:00:00+0000`; Ayrshare prints ISO with Z. */
function iso(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** A Page post's list fields: what GET /{post} and the Page's post list both carry. */
export function postItem(post: Record<string, unknown>): Metrics {
  return {
    id: post.id,
    post: typeof post.message === 'string' ? post.message : '',
    postUrl: post.permalink_url,
    created: iso(post.created_time),
    ...(typeof post.full_picture === 'string' ? { fullPicture: post.full_picture } : {}),
    likeCount: summaryCount(post.reactions),
    commentsCount: summaryCount(post.comments),
    sharesCount: isObject(post.shares) ? count(post.shares.count) : 0,
  };
}

export function postAnalytics(post: Record<string, unknown>, insights: Record<string, unknown>): Metrics {
  const byType = isObject(insights.post_reactions_by_type_total) ? insights.post_reactions_by_type_total : {};
  const reactions: Record<string, number> = {};
  for (const name of REACTIONS) reactions[name] = count(byType[name]);
  reactions.total = REACTIONS.reduce((sum, name) => sum + (reactions[name] ?? 0), 0);
  const { id: _id, postUrl: _url, ...item } = postItem(post);
  return {
    ...item,
    impressions: count(insights.post_media_view),
    impressionsUnique: count(insights.post_total_media_view_unique),
    clicks: count(insights.post_clicks),
    reactions,
  };
}

export function pageAnalytics(page: Record<string, unknown>, insights: Record<string, unknown>): Metrics {
  return {
    name: page.name,
    username: page.username,
    pageUrl: page.link,
    fanCount: count(page.fan_count),
    followersCount: count(page.followers_count),
    impressions: count(insights.page_media_view),
    impressionsUnique: count(insights.page_total_media_view_unique),
    engagements: count(insights.page_post_engagements),
    follows: count(insights.page_follows),
  };
}

/** The answers Meta would give for a sandbox Page: numbers from the seed, the rest from the post. */
function samplePost(seed: SampleSeed): { post: Record<string, unknown>; insights: Record<string, unknown> } {
  const n = sampleNumbers(seed.id);
  const like = Math.round(n.likes * 0.7);
  const love = Math.round(n.likes * 0.2);
  return {
    post: {
      id: seed.id,
      message: seed.text,
      created_time: seed.created,
      permalink_url: seed.postUrl,
      shares: { count: n.shares },
      reactions: { data: [], summary: { total_count: n.likes } },
      comments: { data: [], summary: { total_count: n.comments } },
    },
    insights: {
      post_media_view: n.views,
      post_total_media_view_unique: n.reach,
      post_clicks: n.clicks,
      post_reactions_by_type_total: { like, love, wow: n.likes - like - love },
    },
  };
}

export const FACEBOOK_SAMPLES: AnalyticsSamples = {
  post(seed) {
    const { post, insights } = samplePost(seed);
    return postAnalytics(post, insights);
  },
  account(seed) {
    const n = sampleNumbers(seed.id);
    return pageAnalytics(
      {
        name: seed.text,
        username: seed.username,
        link: `https://www.facebook.com/${seed.username}`,
        fan_count: n.followers,
        followers_count: Math.round(n.followers * 1.04),
      },
      {
        page_media_view: n.views * 9,
        page_total_media_view_unique: n.reach * 6,
        page_post_engagements: n.likes * 8,
        page_follows: Math.round(n.followers * 1.04),
      },
    );
  },
  historyItem(seed) {
    return postItem(samplePost(seed).post);
  },
};
