import type { MetaError } from './meta-errors.ts';
import type { FakeAccount, GraphState } from './state.ts';

/** What every route handler gets and answers. */

export type Route =
  | 'fb.page'
  | 'fb.feed'
  | 'fb.photos'
  | 'fb.videos'
  | 'fb.video_reels'
  | 'fb.upload'
  | 'fb.photo_stories'
  | 'fb.video_stories'
  | 'fb.post'
  | 'fb.delete'
  | 'fb.insights'
  | 'fb.page_insights'
  | 'fb.published_posts'
  | 'ig.user'
  | 'ig.create'
  | 'ig.status'
  | 'ig.publish'
  | 'ig.list'
  | 'ig.get'
  | 'ig.limit'
  | 'ig.delete'
  | 'ig.insights'
  | 'ig.user_insights'
  | 'th.user'
  | 'th.create'
  | 'th.status'
  | 'th.publish'
  | 'th.list'
  | 'th.replies'
  | 'th.get'
  | 'th.limit'
  | 'th.delete'
  | 'th.insights'
  | 'th.user_insights'
  | 'fb.comments'
  | 'fb.comments.list'
  | 'fb.comment.delete'
  | 'ig.comments'
  | 'ig.comments.list'
  | 'ig.replies'
  | 'ig.replies.list'
  | 'ig.comment.delete'
  | 'th.media.replies'
  | 'unknown';

export interface Request {
  method: string;
  /** Path segments after the version: `[id]` or `[id, edge]`. */
  segments: string[];
  params: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** The account whose token signed the call (already checked). */
  caller: FakeAccount;
  /** The fake's own base URL, for upload URLs it hands out. */
  baseUrl: string;
  version: string;
}

export type Answer = { status: number; body: unknown } | { error: MetaError };

export type Handler = (state: GraphState, request: Request) => Answer | Promise<Answer>;

export function ok(body: unknown): Answer {
  return { status: 200, body };
}

/**
 * The field names of a `fields=` list, as Meta parses it: `reactions.summary(total_count)`
 * or `comments{message}` asks for `reactions` or `comments` (with modifiers).
 */
export function fieldNames(fields: string | undefined): string[] {
  const names: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of fields ?? 'id') {
    if (ch === '(' || ch === '{') depth += 1;
    if (ch === ')' || ch === '}') depth -= 1;
    if (ch === ',' && depth === 0) {
      names.push(current);
      current = '';
    } else current += ch;
  }
  names.push(current);
  return names.map((f) => /^[\w]+/.exec(f.trim())?.[0] ?? '').filter(Boolean);
}

/** Keeps only the fields asked for (plus id), as the Graph API does. */
export function pick(object: Record<string, unknown>, fields: string | undefined): Record<string, unknown> {
  const wanted = fieldNames(fields);
  const out: Record<string, unknown> = {};
  for (const key of wanted) if (object[key] !== undefined) out[key] = object[key];
  out.id = object.id;
  return out;
}

/** Meta prints times as 2026-07-08T10:00:00+0000. */
export function metaTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
}
