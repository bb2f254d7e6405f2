import type { Queryable } from './pool.ts';

export interface PublishedOnAccount {
  id: string;
  postUrl: string;
  text: string;
  created: string;
}

/** What Herald published on one account of the profile, newest first (the sandbox's own history). */
export async function publishedOnAccount(
  db: Queryable,
  profileId: string,
  accountId: string,
  limit = 100,
): Promise<PublishedOnAccount[]> {
  const { rows } = await db.query<{ id: string; post_url: string | null; text: string; created: Date }>(
    `SELECT t.network_post_id AS id, t.post_url, p.text, coalesce(t.published_at, t.updated_at) AS created
     FROM targets t JOIN posts p ON p.id = t.post_id
     WHERE t.account_id = $1 AND p.profile_id = $2 AND t.state = 'published'
     ORDER BY created DESC LIMIT $3`,
    [accountId, profileId, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    postUrl: r.post_url ?? '',
    text: r.text,
    created: r.created.toISOString(),
  }));
}
