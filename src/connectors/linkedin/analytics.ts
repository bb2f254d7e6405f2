import type { AnalyticsCapability, AnalyticsFailure } from '../analytics-types.ts';
import type { ConnectorContext, LinkedAccount } from '../types.ts';
import {
  analyticsFailure,
  MEMBER_ANALYTICS_ERRORS,
  ORGANIZATION_ANALYTICS_ERRORS,
} from './analytics-errors.ts';
import {
  elementCount,
  LINKEDIN_SAMPLES,
  MEMBER_QUERY_TYPES,
  memberAnalytics,
  postItem,
  postUrlOf,
  type QueryType,
  shareStatistics,
  socialCounts,
} from './analytics-shape.ts';
import type { LinkedInClient } from './client.ts';
import type { LinkedInCredentials } from './credentials.ts';
import { PLATFORM_NAME } from './errors.ts';
import { clientFor } from './publish.ts';
import { isObject } from './wire.ts';

const enc = encodeURIComponent;

function connect(account: LinkedAccount, ctx: ConnectorContext) {
  const connected = clientFor(account.credentials, ctx);
  if (typeof connected !== 'string') return connected;
  const failure: AnalyticsFailure = {
    kind: 'failed',
    error: { code: 623, platform: 'linkedin', params: { platformName: PLATFORM_NAME }, details: connected },
  };
  return failure;
}

/** memberCreatorPostAnalytics takes one queryType per call: five calls, the first refusal answers. */
async function memberCounts(
  client: LinkedInClient,
  finder: string,
): Promise<Partial<Record<QueryType, number>> | AnalyticsFailure> {
  const counts: Partial<Record<QueryType, number>> = {};
  for (const type of Object.keys(MEMBER_QUERY_TYPES) as QueryType[]) {
    const answer = await client.read(
      `/rest/memberCreatorPostAnalytics?${finder}&queryType=${type}&aggregation=TOTAL`,
    );
    if (!answer.ok) return analyticsFailure(answer.failure, 'member');
    counts[type] = elementCount(answer.value);
  }
  return counts;
}

/** `urn:li:share:1` → `(share:urn%3Ali%3Ashare%3A1)`, the Rest.li union memberCreatorPostAnalytics takes. */
function entityOf(urn: string): string {
  return `(${urn.startsWith('urn:li:ugcPost:') ? 'ugc' : 'share'}:${enc(urn)})`;
}

async function organizationPost(client: LinkedInClient, credentials: LinkedInCredentials, urn: string) {
  const list = urn.startsWith('urn:li:ugcPost:') ? 'ugcPosts' : 'shares';
  const answer = await client.read(
    `/rest/organizationalEntityShareStatistics?q=organizationalEntity&organizationalEntity=${enc(credentials.author)}&${list}=List(${enc(urn)})`,
  );
  if (!answer.ok) return analyticsFailure(answer.failure, 'organization');
  const elements = Array.isArray(answer.value.elements) ? answer.value.elements.filter(isObject) : [];
  const element = elements.find((e) => e.share === urn || e.ugcPost === urn);
  if (!element) {
    const missing: AnalyticsFailure = {
      kind: 'failed',
      error: { code: 607, params: { what: `Post ${urn} on ${PLATFORM_NAME}` } },
    };
    return missing;
  }
  return shareStatistics(element.totalShareStatistics);
}

/**
 * LinkedIn metrics. A member's post: memberCreatorPostAnalytics (needs
 * r_member_postAnalytics; without it LinkedIn answers 403 and Herald the seed's 475). An
 * organization's post: organizationalEntityShareStatistics (ADMINISTRATOR). The account:
 * memberFollowersCount and the member's aggregated analytics, or the page's follower count
 * (networkSizes) and lifetime share statistics. History: the author's posts (`q=author`).
 */
export const linkedinAnalytics: AnalyticsCapability = {
  errorTable: [...MEMBER_ANALYTICS_ERRORS, ...ORGANIZATION_ANALYTICS_ERRORS],
  samples: LINKEDIN_SAMPLES,
  async post(input, ctx) {
    const connected = connect(input.account, ctx);
    if ('kind' in connected) return connected;
    const { client, credentials } = connected;
    const analytics =
      credentials.kind === 'person'
        ? await memberCounts(client, `q=entity&entity=${entityOf(input.id)}`)
        : await organizationPost(client, credentials, input.id);
    if ('kind' in analytics) return analytics as AnalyticsFailure;
    return {
      kind: 'metrics',
      id: input.id,
      postUrl: postUrlOf(input.id),
      analytics: credentials.kind === 'person' ? memberAnalytics(analytics) : analytics,
    };
  },
  async account(input, ctx) {
    const connected = connect(input.account, ctx);
    if ('kind' in connected) return connected;
    const { client, credentials } = connected;
    if (credentials.kind === 'person') {
      const followers = await client.read('/rest/memberFollowersCount?q=me');
      if (!followers.ok) return analyticsFailure(followers.failure, 'member');
      const counts = await memberCounts(client, 'q=me');
      if ('kind' in counts) return counts as AnalyticsFailure;
      const [first] = Array.isArray(followers.value.elements)
        ? followers.value.elements.filter(isObject)
        : [];
      const followersCount = typeof first?.memberFollowersCount === 'number' ? first.memberFollowersCount : 0;
      return {
        kind: 'metrics',
        id: credentials.author,
        analytics: { followersCount, ...memberAnalytics(counts) },
      };
    }
    const size = await client.read(
      `/rest/networkSizes/${enc(credentials.author)}?edgeType=COMPANY_FOLLOWED_BY_MEMBER`,
    );
    if (!size.ok) return analyticsFailure(size.failure, 'organization');
    const stats = await client.read(
      `/rest/organizationalEntityShareStatistics?q=organizationalEntity&organizationalEntity=${enc(credentials.author)}`,
    );
    if (!stats.ok) return analyticsFailure(stats.failure, 'organization');
    const [element] = Array.isArray(stats.value.elements) ? stats.value.elements.filter(isObject) : [];
    const followersCount = typeof size.value.firstDegreeSize === 'number' ? size.value.firstDegreeSize : 0;
    return {
      kind: 'metrics',
      id: credentials.author,
      analytics: { followersCount, ...shareStatistics(element?.totalShareStatistics) },
    };
  },
  async history(input, ctx) {
    const connected = connect(input.account, ctx);
    if ('kind' in connected) return connected;
    const { client, credentials } = connected;
    const start = Number(input.cursor ?? 0);
    const from = Number.isInteger(start) && start > 0 ? start : 0;
    const count = Math.min(input.limit, 100);
    const answer = await client.read(
      `/rest/posts?author=${enc(credentials.author)}&q=author&count=${count}&start=${from}`,
      {
        'x-restli-method': 'FINDER',
      },
    );
    if (!answer.ok)
      return analyticsFailure(answer.failure, credentials.kind === 'person' ? 'member' : 'organization');
    const elements = Array.isArray(answer.value.elements) ? answer.value.elements.filter(isObject) : [];
    const paging = isObject(answer.value.paging) ? answer.value.paging : {};
    const links = Array.isArray(paging.links) ? paging.links.filter(isObject) : [];
    const next = links.some((l) => l.rel === 'next') ? String(from + elements.length) : undefined;
    // The list carries no counts: one BATCH_GET of socialActions gives each post's likes and comments.
    const urns = elements.map((e) => String(e.id ?? '')).filter(Boolean);
    let actions: Record<string, unknown> = {};
    if (urns.length > 0) {
      const batch = await client.read(`/rest/socialActions?ids=List(${urns.map(enc).join(',')})`, {
        'x-restli-method': 'BATCH_GET',
      });
      if (!batch.ok)
        return analyticsFailure(batch.failure, credentials.kind === 'person' ? 'member' : 'organization');
      actions = isObject(batch.value.results) ? batch.value.results : {};
    }
    const posts = elements.map((e) => ({ ...postItem(e), ...socialCounts(actions[String(e.id)]) }));
    return { kind: 'posts', posts, ...(next ? { next } : {}) };
  },
};
