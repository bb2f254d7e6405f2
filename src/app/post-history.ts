import { findPost, listPosts } from '../db/posts.ts';
import type { Profile } from '../db/profiles.ts';
import { HeraldError } from '../errors/herald-error.ts';
import { unknownPlatformError } from '../errors/platform-error.ts';
import { isPlatform, type Platform } from '../platforms.ts';
import type { AppContext } from './context.ts';
import { postViews } from './post-responses.ts';

/** GET /api/history's filters, as the query carries them (strings, checked by the route schema). */
export interface HistoryFilters {
  lastDays?: string;
  limit?: string;
  lastRecords?: string;
  status?: string;
  type?: string;
  platform?: string;
}

// A status filter is applied after the rollup (status is computed from targets,
// never stored), so this many recent posts are examined at most.
const SCAN_LIMIT = 5000;

/** The profile's posts, newest first, each with its per-network results. */
export async function postHistory(
  app: AppContext,
  profile: Profile,
  query: HistoryFilters,
  lang: string | undefined,
): Promise<{ history: Record<string, unknown>[] }> {
  if (query.platform !== undefined && !isPlatform(query.platform))
    throw new HeraldError(unknownPlatformError(query.platform));
  const platform: Platform | null = query.platform ?? null;
  const lastDays = Math.min(Number(query.lastDays ?? 30), 3650);
  const limit = Math.min(Math.max(Number(query.limit ?? query.lastRecords ?? 25), 1), 1000);
  const posts = await listPosts(app.pool, profile.id, {
    since: lastDays === 0 ? null : new Date(Date.now() - lastDays * 86_400_000),
    type: query.type === 'immediate' ? 'now' : query.type === 'scheduled' ? 'scheduled' : null,
    platform,
    limit: query.status ? SCAN_LIMIT : limit,
  });
  const views = await postViews(app, profile, posts, lang);
  return { history: views.filter((v) => !query.status || v.status === query.status).slice(0, limit) };
}

/** One post of the profile with its per-network results; 607 for an id the profile does not own. */
export async function postView(
  app: AppContext,
  profile: Profile,
  id: string,
  lang: string | undefined,
): Promise<Record<string, unknown>> {
  const post = await findPost(app.pool, profile.id, id);
  if (!post) throw new HeraldError({ code: 607, params: { what: `Post ${id}` } });
  const [view] = await postViews(app, profile, [post], lang);
  if (!view) throw new Error(`post ${post.id} has no view`);
  return view;
}
