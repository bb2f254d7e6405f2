import type { AppContext } from '../app/context.ts';
import { countClicks, findLinksByUrl, insertLinks, type LinkRecord } from '../db/links.ts';
import type { Profile } from '../db/profiles.ts';
import { socialNetworkOf } from './click-facts.ts';
import { linkTarget, type Utm } from './link-target.ts';
import { newLinkId, shortUrlOf } from './short-url.ts';

/**
 * POST /api/links: the profile's short link for this URL (with its UTM parameters).
 * The same URL gives the same link, as Ayrshare documents; a different URL (another
 * query parameter) gives a new one.
 */
export async function shortenUrl(
  app: AppContext,
  profile: Profile,
  url: string,
  utm: Utm,
): Promise<LinkRecord> {
  const originalUrl = linkTarget(url, utm);
  const existing = (await findLinksByUrl(app.pool, profile.id, [originalUrl])).get(originalUrl);
  if (existing) return existing;
  await insertLinks(app.pool, [{ id: newLinkId(), profileId: profile.id, originalUrl, utm }]);
  const created = (await findLinksByUrl(app.pool, profile.id, [originalUrl])).get(originalUrl);
  if (!created) throw new Error('a link just inserted is missing');
  return created;
}

export function shortUrlFor(app: AppContext, link: Pick<LinkRecord, 'id'>): string {
  return shortUrlOf(app.config.shortLinks.base, link.id);
}

/** The answer of POST /api/links, in Ayrshare's fields. */
export function linkView(app: AppContext, link: LinkRecord): Record<string, unknown> {
  return {
    status: 'success',
    id: link.id,
    shortUrl: shortUrlFor(app, link),
    originalUrl: link.originalUrl,
    created: link.createdAt.toISOString(),
    ...link.utm,
  };
}

export interface ClickWindow {
  from: Date | null;
  to: Date | null;
}

/** Ayrshare's per-link analytics object (GET /api/links/:id), for each link, from the click rows. */
export async function linkAnalytics(
  app: AppContext,
  profile: Profile,
  links: readonly LinkRecord[],
  window: ClickWindow,
): Promise<Record<string, unknown>[]> {
  const counts = await countClicks(
    app.pool,
    profile.id,
    links.map((l) => l.id),
    window,
  );
  return links.map((link) => {
    const own = counts.filter((c) => c.linkId === link.id);
    const refererCounts: Record<string, number> = {};
    const browserCounts: Record<string, number> = {};
    const socialClicks: Record<string, number> = {};
    let totalClicks = 0;
    for (const c of own) {
      totalClicks += c.count;
      browserCounts[c.browser] = (browserCounts[c.browser] ?? 0) + c.count;
      if (c.refererHost === null) continue;
      refererCounts[c.refererHost] = (refererCounts[c.refererHost] ?? 0) + c.count;
      const network = socialNetworkOf(c.refererHost);
      if (network) socialClicks[network] = (socialClicks[network] ?? 0) + c.count;
    }
    return {
      id: link.id,
      shortUrl: shortUrlFor(app, link),
      originalUrl: link.originalUrl,
      created: link.createdAt.toISOString(),
      totalClicks,
      refererCounts,
      browserCounts,
      socialClicks,
      status: 'success',
      ...link.utm,
    };
  });
}

/** Firebase Dynamic Links' platform names, which Ayrshare's older /analytics/links answer carries. */
const LEGACY_PLATFORM = { desktop: 'DESKTOP', ios: 'IOS', android: 'ANDROID', other: 'OTHER' } as const;

/** GET /api/analytics/links (Ayrshare's older shape): one entry per link, clicks per device class. */
export async function legacyLinkAnalytics(
  app: AppContext,
  profile: Profile,
  links: readonly LinkRecord[],
  window: ClickWindow,
): Promise<Record<string, unknown>[]> {
  const counts = await countClicks(
    app.pool,
    profile.id,
    links.map((l) => l.id),
    window,
  );
  return links.map((link) => {
    const byPlatform = new Map<string, number>();
    for (const c of counts.filter((c) => c.linkId === link.id)) {
      const platform = LEGACY_PLATFORM[c.device];
      byPlatform.set(platform, (byPlatform.get(platform) ?? 0) + c.count);
    }
    const ms = link.createdAt.getTime();
    return {
      linkEventStats: [...byPlatform].map(([platform, count]) => ({
        count: String(count),
        event: 'CLICK',
        platform,
      })),
      link: link.originalUrl,
      shortLink: shortUrlFor(app, link),
      created: { _seconds: Math.floor(ms / 1000), _nanoseconds: (ms % 1000) * 1_000_000 },
    };
  });
}
