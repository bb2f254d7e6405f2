import type { Utm } from '../links/link-target.ts';
import type { Queryable } from './pool.ts';

export interface LinkRecord {
  id: string;
  profileId: string;
  originalUrl: string;
  utm: Utm;
  createdAt: Date;
}

interface LinkRow {
  id: string;
  profile_id: string;
  original_url: string;
  utm: Utm;
  created_at: Date;
}

const toLink = (r: LinkRow): LinkRecord => ({
  id: r.id,
  profileId: r.profile_id,
  originalUrl: r.original_url,
  utm: r.utm,
  createdAt: r.created_at,
});

export interface NewLink {
  id: string;
  profileId: string;
  originalUrl: string;
  utm: Utm;
}

/** Inserts links; an id already taken is skipped (the caller allocated it moments ago). */
export async function insertLinks(db: Queryable, links: readonly NewLink[]): Promise<void> {
  if (links.length === 0) return;
  await db.query(
    `INSERT INTO links (id, profile_id, original_url, utm)
     SELECT id, profile_id, original_url, utm
     FROM unnest($1::text[], $2::uuid[], $3::text[], $4::jsonb[]) AS l (id, profile_id, original_url, utm)
     ON CONFLICT (id) DO NOTHING`,
    [
      links.map((l) => l.id),
      links.map((l) => l.profileId),
      links.map((l) => l.originalUrl),
      links.map((l) => JSON.stringify(l.utm)),
    ],
  );
}

/** The profile's existing link for each of these URLs (the oldest, when a race made two). */
export async function findLinksByUrl(
  db: Queryable,
  profileId: string,
  urls: readonly string[],
): Promise<Map<string, LinkRecord>> {
  if (urls.length === 0) return new Map();
  const { rows } = await db.query<LinkRow>(
    `SELECT DISTINCT ON (original_url) * FROM links
     WHERE profile_id = $1 AND original_url = ANY($2)
     ORDER BY original_url, created_at, id`,
    [profileId, urls],
  );
  return new Map(rows.map((r) => [r.original_url, toLink(r)]));
}

export async function findLink(
  db: Queryable,
  profileId: string,
  id: string,
): Promise<LinkRecord | undefined> {
  const { rows } = await db.query<LinkRow>('SELECT * FROM links WHERE id = $1 AND profile_id = $2', [
    id,
    profileId,
  ]);
  return rows[0] ? toLink(rows[0]) : undefined;
}

/** For the public redirect only: a short link is followed by anyone who has it. */
export async function findLinkForRedirect(db: Queryable, id: string): Promise<LinkRecord | undefined> {
  const { rows } = await db.query<LinkRow>('SELECT * FROM links WHERE id = $1', [id]);
  return rows[0] ? toLink(rows[0]) : undefined;
}

export async function listLinks(
  db: Queryable,
  profileId: string,
  filter: { fromCreated: Date | null; toCreated: Date | null; limit: number },
): Promise<LinkRecord[]> {
  const { rows } = await db.query<LinkRow>(
    `SELECT * FROM links WHERE profile_id = $1
       AND ($2::timestamptz IS NULL OR created_at >= $2)
       AND ($3::timestamptz IS NULL OR created_at <= $3)
     ORDER BY created_at DESC, id LIMIT $4`,
    [profileId, filter.fromCreated, filter.toCreated, filter.limit],
  );
  return rows.map(toLink);
}

export interface ClickFacts {
  refererHost: string | null;
  browser: string;
  device: 'desktop' | 'ios' | 'android' | 'other';
}

export async function recordClick(db: Queryable, link: LinkRecord, facts: ClickFacts): Promise<void> {
  await db.query(
    'INSERT INTO link_clicks (link_id, profile_id, referer_host, browser, device) VALUES ($1, $2, $3, $4, $5)',
    [link.id, link.profileId, facts.refererHost, facts.browser, facts.device],
  );
}

export interface ClickCount {
  linkId: string;
  refererHost: string | null;
  browser: string;
  device: ClickFacts['device'];
  count: number;
}

/** Clicks of these links grouped by referer, browser and device, within the click dates given. */
export async function countClicks(
  db: Queryable,
  profileId: string,
  linkIds: readonly string[],
  window: { from: Date | null; to: Date | null },
): Promise<ClickCount[]> {
  if (linkIds.length === 0) return [];
  const { rows } = await db.query<{
    link_id: string;
    referer_host: string | null;
    browser: string;
    device: ClickFacts['device'];
    n: string;
  }>(
    `SELECT link_id, referer_host, browser, device, count(*) AS n FROM link_clicks
     WHERE profile_id = $1 AND link_id = ANY($2)
       AND ($3::timestamptz IS NULL OR clicked_at >= $3)
       AND ($4::timestamptz IS NULL OR clicked_at <= $4)
     GROUP BY link_id, referer_host, browser, device`,
    [profileId, linkIds, window.from, window.to],
  );
  return rows.map((r) => ({
    linkId: r.link_id,
    refererHost: r.referer_host,
    browser: r.browser,
    device: r.device,
    count: Number(r.n),
  }));
}
