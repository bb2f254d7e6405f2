import type { AnalyticsSamples, Metrics, SampleSeed } from '../analytics-types.ts';
import { count } from '../shared/graph-analytics.ts';
import { sampleNumbers } from '../shared/sample-numbers.ts';

/**
 * Instagram's answers in Ayrshare's shape (caption, commentsCount, engagementCount,
 * viewsCount, likeCount, mediaProductType, reachCount, savedCount…). `views` replaced
 * impressions/plays for media in 2025; `total_interactions` is the engagement count.
 */
export const MEDIA_FIELDS =
  'id,caption,like_count,comments_count,media_product_type,media_type,permalink,timestamp';
export const MEDIA_METRICS = 'reach,saved,likes,comments,shares,total_interactions,views';
export const USER_FIELDS = 'id,username,name,biography,followers_count,follows_count,media_count';
export const USER_METRICS = 'reach,views,accounts_engaged,total_interactions,profile_views';

function iso(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** A media object's fields as a history item. */
export function mediaItem(media: Record<string, unknown>): Metrics {
  return {
    id: media.id,
    post: typeof media.caption === 'string' ? media.caption : '',
    postUrl: media.permalink,
    created: iso(media.timestamp),
    mediaType: media.media_type,
    mediaProductType: media.media_product_type,
    likeCount: count(media.like_count),
    commentsCount: count(media.comments_count),
  };
}

export function mediaAnalytics(media: Record<string, unknown>, insights: Record<string, unknown>): Metrics {
  return {
    caption: typeof media.caption === 'string' ? media.caption : '',
    commentsCount: count(media.comments_count),
    created: iso(media.timestamp),
    engagementCount: count(insights.total_interactions),
    likeCount: count(media.like_count),
    mediaProductType: media.media_product_type,
    mediaType: media.media_type,
    reachCount: count(insights.reach),
    savedCount: count(insights.saved),
    sharesCount: count(insights.shares),
    viewsCount: count(insights.views),
  };
}

export function userAnalytics(user: Record<string, unknown>, insights: Record<string, unknown>): Metrics {
  return {
    username: user.username,
    name: user.name,
    biography: user.biography,
    followersCount: count(user.followers_count),
    followsCount: count(user.follows_count),
    mediaCount: count(user.media_count),
    reachCount: count(insights.reach),
    viewsCount: count(insights.views),
    accountsEngaged: count(insights.accounts_engaged),
    totalInteractions: count(insights.total_interactions),
    profileViews: count(insights.profile_views),
  };
}

function sampleMedia(seed: SampleSeed): Record<string, unknown> {
  const n = sampleNumbers(seed.id);
  return {
    id: seed.id,
    caption: seed.text,
    like_count: n.likes,
    comments_count: n.comments,
    media_product_type: 'FEED',
    media_type: 'IMAGE',
    permalink: seed.postUrl,
    timestamp: seed.created,
  };
}

export const INSTAGRAM_SAMPLES: AnalyticsSamples = {
  post(seed) {
    const n = sampleNumbers(seed.id);
    return mediaAnalytics(sampleMedia(seed), {
      reach: n.reach,
      saved: n.saves,
      likes: n.likes,
      comments: n.comments,
      shares: n.shares,
      total_interactions: n.likes + n.comments + n.shares + n.saves,
      views: n.views,
    });
  },
  account(seed) {
    const n = sampleNumbers(seed.id);
    return userAnalytics(
      {
        username: seed.username,
        name: seed.text,
        biography: '',
        followers_count: n.followers,
        follows_count: n.following,
        media_count: n.posts,
      },
      {
        reach: n.reach * 5,
        views: n.views * 7,
        accounts_engaged: n.likes * 2,
        total_interactions: n.likes * 4,
        profile_views: n.clicks * 3,
      },
    );
  },
  historyItem(seed) {
    return mediaItem(sampleMedia(seed));
  },
};
