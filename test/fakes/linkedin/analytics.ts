import type { EngagementBook } from '../engagement.ts';
import type { FakeRequest, Reply } from '../http.ts';
import { liError } from './errors.ts';
import type { FakeMember, LinkedInState } from './fake-linkedin.ts';

/**
 * LinkedIn's analytics and lists as learn.microsoft.com documents them: member post
 * analytics (`memberCreatorPostAnalytics`, one queryType per call, needs
 * r_member_postAnalytics: 403 ACCESS_DENIED naming the resource otherwise), organization
 * share statistics (ADMINISTRATOR role), follower counts, and `GET /rest/posts?q=author`
 * (a FINDER) paged by start/count.
 */

export const MEMBER_QUERY_TYPES = [
  'IMPRESSION',
  'MEMBERS_REACHED',
  'RESHARE',
  'REACTION',
  'COMMENT',
] as const;

const denied = (what: string) =>
  liError(403, 'ACCESS_DENIED', `Not enough permissions to access: ${what}.20260101`, 100);

/** `(share:urn:li:share:1)` or `(ugc:urn:li:ugcPost:1)`, as Rest.li 2.0 writes the union. */
function entityOf(value: string | null): string | undefined {
  return /^\((?:share|ugc):(urn:li:(?:share|ugcPost):\d+)\)$/.exec(value ?? '')?.[1];
}

/** `List(urn:li:share:1,urn:li:share:2)` */
function listOf(value: string | null): string[] {
  const inner = /^List\((.*)\)$/.exec(value ?? '')?.[1];
  return inner ? inner.split(',').filter(Boolean) : [];
}

function countOf(book: EngagementBook, id: string, type: string): number {
  const e = book.of(id);
  const counts: Record<string, number> = {
    IMPRESSION: e.views,
    MEMBERS_REACHED: e.reach,
    RESHARE: e.reposts,
    REACTION: e.like,
    COMMENT: e.comments,
  };
  return counts[type] ?? 0;
}

function shareStatistics(book: EngagementBook, id: string) {
  const e = book.of(id);
  return {
    uniqueImpressionsCount: e.reach,
    shareCount: e.reposts,
    engagement: Number(((e.like + e.comments + e.clicks + e.reposts) / Math.max(1, e.views)).toFixed(4)),
    clickCount: e.clicks,
    likeCount: e.like,
    impressionCount: e.views,
    commentCount: e.comments,
  };
}

function memberAnalytics(
  state: LinkedInState,
  book: EngagementBook,
  request: FakeRequest,
  member: FakeMember,
): Reply {
  const finder = request.query.get('q');
  if (!member.scopes.has('r_member_postAnalytics'))
    return denied(`memberCreatorPostAnalytics.FINDER-${finder ?? 'entity'}`);
  const type = request.query.get('queryType') ?? '';
  if (!(MEMBER_QUERY_TYPES as readonly string[]).includes(type))
    return liError(400, 'INVALID_VALUE_FOR_FIELD', `Invalid queryType: ${type}`);
  const aggregation = request.query.get('aggregation');
  if (aggregation !== 'TOTAL' && aggregation !== 'DAILY')
    return liError(400, 'INVALID_VALUE_FOR_FIELD', `Invalid aggregation: ${aggregation ?? ''}`);
  const person = `urn:li:person:${member.sub}`;
  let count: number;
  if (finder === 'me') {
    count = state.posts
      .filter((p) => p.author === person && !p.deleted)
      .reduce((sum, p) => sum + countOf(book, p.urn, type), 0);
  } else if (finder === 'entity') {
    const urn = entityOf(request.query.get('entity'));
    const post = state.posts.find((p) => p.urn === urn && !p.deleted);
    if (!urn) return liError(400, 'INVALID_VALUE_FOR_FIELD', 'entity must be (share:…) or (ugc:…)');
    if (!post || post.author !== person) return denied('memberCreatorPostAnalytics.FINDER-entity');
    count = countOf(book, urn, type);
  } else return liError(400, undefined, `Unknown finder ${finder ?? ''}`);
  return {
    status: 200,
    body: {
      paging: { start: 0, count: 10, links: [] },
      elements: [
        {
          count,
          metricType: {
            'com.linkedin.adsexternalapi.memberanalytics.v1.CreatorPostAnalyticsMetricTypeV1': type,
          },
        },
      ],
    },
  };
}

function organizationStatistics(
  state: LinkedInState,
  book: EngagementBook,
  request: FakeRequest,
  member: FakeMember,
): Reply {
  const organization = request.query.get('organizationalEntity') ?? '';
  if (member.roles.get(organization) !== 'ADMINISTRATOR')
    return denied('organizationalEntityShareStatistics.FINDER-organizationalEntity');
  const shares = [...listOf(request.query.get('shares')), ...listOf(request.query.get('ugcPosts'))];
  const elements =
    shares.length > 0
      ? shares
          .filter((urn) => state.posts.some((p) => p.urn === urn && p.author === organization))
          .map((urn) => ({
            organizationalEntity: organization,
            [urn.includes('ugcPost') ? 'ugcPost' : 'share']: urn,
            totalShareStatistics: shareStatistics(book, urn),
          }))
      : [{ organizationalEntity: organization, totalShareStatistics: shareStatistics(book, organization) }];
  return { status: 200, body: { paging: { start: 0, count: 10, links: [] }, elements } };
}

function listPosts(state: LinkedInState, request: FakeRequest, member: FakeMember): Reply {
  if (request.headers['x-restli-method'] !== 'FINDER')
    return liError(400, undefined, 'A FINDER request must carry X-RestLi-Method: FINDER');
  const author = request.query.get('author') ?? '';
  const mine = author === `urn:li:person:${member.sub}` || member.roles.has(author);
  if (!mine) return denied('partnerApiPostsExternal.FINDER-author');
  const start = Number(request.query.get('start') ?? 0);
  const count = Math.min(Number(request.query.get('count') ?? 10), 100);
  const all = state.posts.filter((p) => p.author === author && !p.deleted).reverse();
  const elements = all.slice(start, start + count).map((p) => ({
    id: p.urn,
    author: p.author,
    commentary: p.shown,
    createdAt: p.createdAt,
    publishedAt: p.createdAt,
    lastModifiedAt: p.createdAt,
    lifecycleState: 'PUBLISHED',
    visibility: 'PUBLIC',
    distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
    isReshareDisabledByAuthor: p.isReshareDisabledByAuthor ?? false,
    ...(p.content ? { content: p.content } : {}),
  }));
  const links =
    start + count < all.length
      ? [
          {
            rel: 'next',
            type: 'application/json',
            href: `/rest/posts?author=${encodeURIComponent(author)}&q=author&count=${count}&start=${start + count}`,
          },
        ]
      : [];
  return { status: 200, body: { elements, paging: { start, count, links, total: all.length } } };
}

/**
 * `GET /rest/socialActions?ids=List(urn,…)` with `X-RestLi-Method: BATCH_GET`: each post's
 * likes and comments summary, keyed by URN; posts the member may not read go to `errors`.
 */
function socialActions(
  state: LinkedInState,
  book: EngagementBook,
  request: FakeRequest,
  member: FakeMember,
): Reply {
  if (request.headers['x-restli-method'] !== 'BATCH_GET')
    return liError(400, undefined, 'A BATCH_GET request must carry X-RestLi-Method: BATCH_GET');
  const results: Record<string, unknown> = {};
  const errors: Record<string, unknown> = {};
  for (const urn of listOf(request.query.get('ids'))) {
    const post = state.posts.find((p) => p.urn === urn && !p.deleted);
    const readable = post && (post.author === `urn:li:person:${member.sub}` || member.roles.has(post.author));
    if (!readable) {
      errors[urn] = { status: 404, message: 'Not Found' };
      continue;
    }
    const e = book.of(urn);
    results[urn] = {
      target: urn,
      likesSummary: { totalLikes: e.like, likedByCurrentUser: false, aggregatedTotalLikes: e.like },
      commentsSummary: { totalFirstLevelComments: e.comments, aggregatedTotalComments: e.comments },
    };
  }
  return { status: 200, body: { results, statuses: {}, errors } };
}

/** The analytics routes, or undefined for a path that is not one. */
export function handleAnalytics(
  state: LinkedInState,
  book: EngagementBook,
  request: FakeRequest,
  member: FakeMember,
): Reply | undefined {
  if (request.method !== 'GET') return undefined;
  if (request.path === '/rest/memberCreatorPostAnalytics')
    return memberAnalytics(state, book, request, member);
  if (request.path === '/rest/organizationalEntityShareStatistics')
    return organizationStatistics(state, book, request, member);
  if (request.path === '/rest/posts') return listPosts(state, request, member);
  if (request.path === '/rest/socialActions') return socialActions(state, book, request, member);
  if (request.path === '/rest/memberFollowersCount' && request.query.get('q') === 'me')
    return {
      status: 200,
      body: {
        paging: { start: 0, count: 10, links: [] },
        elements: [{ memberFollowersCount: book.of(member.sub).followers }],
      },
    };
  const size = /^\/rest\/networkSizes\/(.+)$/.exec(request.rawUrl.split('?')[0] ?? '');
  if (size) {
    const urn = decodeURIComponent(size[1] ?? '');
    if (request.query.get('edgeType') !== 'COMPANY_FOLLOWED_BY_MEMBER')
      return liError(400, undefined, 'edgeType must be COMPANY_FOLLOWED_BY_MEMBER');
    return { status: 200, body: { firstDegreeSize: book.of(urn).followers } };
  }
  return undefined;
}
