import type { AnalyticsSamples, Metrics, SampleSeed } from '../analytics-types.ts';
import { sampleNumbers } from '../shared/sample-numbers.ts';
import { isObject } from './wire.ts';

/**
 * LinkedIn's answers in Ayrshare's names. A member's post: one count per queryType of
 * memberCreatorPostAnalytics; an organization's: `totalShareStatistics`. Both use the
 * same names so a caller reads one vocabulary.
 */
export const MEMBER_QUERY_TYPES = {
  IMPRESSION: 'impressionCount',
  MEMBERS_REACHED: 'uniqueImpressionsCount',
  RESHARE: 'shareCount',
  REACTION: 'likeCount',
  COMMENT: 'commentCount',
} as const;

export type QueryType = keyof typeof MEMBER_QUERY_TYPES;

/** The sum of `elements[].count` of one memberCreatorPostAnalytics answer (TOTAL: one element). */
export function elementCount(body: Record<string, unknown>): number {
  const elements = Array.isArray(body.elements) ? body.elements.filter(isObject) : [];
  return elements.reduce((sum, e) => sum + (typeof e.count === 'number' ? e.count : 0), 0);
}

export function memberAnalytics(counts: Partial<Record<QueryType, number>>): Metrics {
  const out: Metrics = {};
  for (const [type, name] of Object.entries(MEMBER_QUERY_TYPES)) out[name] = counts[type as QueryType] ?? 0;
  return out;
}

const STAT_NAMES = [
  'impressionCount',
  'uniqueImpressionsCount',
  'shareCount',
  'likeCount',
  'commentCount',
  'clickCount',
  'engagement',
] as const;

export function shareStatistics(statistics: unknown): Metrics {
  const stats = isObject(statistics) ? statistics : {};
  const out: Metrics = {};
  for (const name of STAT_NAMES) out[name] = typeof stats[name] === 'number' ? stats[name] : 0;
  return out;
}

export function postUrlOf(urn: string): string {
  return `https://www.linkedin.com/feed/update/${urn}/`;
}

/** A post of `GET /rest/posts?q=author`, as a history item (the list carries no counts). */
export function postItem(post: Record<string, unknown>): Metrics {
  const id = String(post.id ?? '');
  const created = typeof post.publishedAt === 'number' ? post.publishedAt : post.createdAt;
  return {
    id,
    post: typeof post.commentary === 'string' ? post.commentary : '',
    postUrl: postUrlOf(id),
    created: typeof created === 'number' ? new Date(created).toISOString() : undefined,
    visibility: post.visibility,
    lifecycleState: post.lifecycleState,
  };
}

/** A socialActions result as `{likeCount, commentsCount}` (zeros when LinkedIn gave none for the post). */
export function socialCounts(actions: unknown): Metrics {
  const result = isObject(actions) ? actions : {};
  const likes = isObject(result.likesSummary) ? result.likesSummary : {};
  const comments = isObject(result.commentsSummary) ? result.commentsSummary : {};
  const count = (value: unknown) => (typeof value === 'number' ? value : 0);
  return { likeCount: count(likes.totalLikes), commentsCount: count(comments.aggregatedTotalComments) };
}

function counts(seed: SampleSeed): Partial<Record<QueryType, number>> {
  const n = sampleNumbers(seed.id);
  return {
    IMPRESSION: n.views,
    MEMBERS_REACHED: n.reach,
    RESHARE: n.shares,
    REACTION: n.likes,
    COMMENT: n.comments,
  };
}

export const LINKEDIN_SAMPLES: AnalyticsSamples = {
  post: (seed) => memberAnalytics(counts(seed)),
  account: (seed) => ({ followersCount: sampleNumbers(seed.id).followers, ...memberAnalytics(counts(seed)) }),
  historyItem: (seed) => ({
    ...postItem({
      id: seed.id,
      commentary: seed.text,
      publishedAt: Date.parse(seed.created),
      visibility: 'PUBLIC',
      lifecycleState: 'PUBLISHED',
    }),
    ...socialCounts({
      likesSummary: { totalLikes: sampleNumbers(seed.id).likes },
      commentsSummary: { aggregatedTotalComments: sampleNumbers(seed.id).comments },
    }),
  }),
};
