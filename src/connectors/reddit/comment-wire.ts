import { isObject } from './wire.ts';

/**
 * Reddit's comment things as Herald reads them: `{kind: "t1", data}` with `name`
 * (`t1_…`), `body` (markdown), `author`, `author_fullname`, `parent_id`, `link_id`,
 * `created_utc` (seconds) and `replies` (a Listing, or "" when none); and the
 * `{kind: "more", data: {parent_id, children}}` stubs that stand for comments a tree
 * left out (fetched with /api/morechildren).
 */

export interface RedditComment {
  name: string;
  body: string;
  author: string;
  authorFullname: string;
  parentId: string;
  linkId: string;
  created: number;
  score: number;
}

export interface MoreStub {
  parentId: string;
  children: string[];
}

/** Every comment and stub of a listing (or of `things`), flattened; nesting is kept by `parentId`. */
export interface Flat {
  comments: RedditComment[];
  more: MoreStub[];
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function commentOf(data: Record<string, unknown>): RedditComment | undefined {
  const name = str(data.name) || (str(data.id) ? `t1_${str(data.id)}` : '');
  if (!name.startsWith('t1_')) return undefined;
  return {
    name,
    body: str(data.body),
    author: str(data.author),
    authorFullname: str(data.author_fullname),
    parentId: str(data.parent_id),
    linkId: str(data.link_id),
    created: typeof data.created_utc === 'number' ? data.created_utc : 0,
    score: typeof data.score === 'number' ? data.score : 0,
  };
}

/** Walks things (and their `replies` listings), depth first, into `into`. */
export function flatten(things: readonly unknown[], into: Flat = { comments: [], more: [] }): Flat {
  for (const thing of things) {
    if (!isObject(thing) || !isObject(thing.data)) continue;
    const { data } = thing;
    if (thing.kind === 'more') {
      const children = Array.isArray(data.children) ? data.children.filter((c) => typeof c === 'string') : [];
      if (children.length > 0) into.more.push({ parentId: str(data.parent_id), children });
      continue;
    }
    if (thing.kind !== 't1') continue;
    const comment = commentOf(data);
    if (comment) into.comments.push(comment);
    const replies =
      isObject(data.replies) && isObject(data.replies.data) ? data.replies.data.children : undefined;
    if (Array.isArray(replies)) flatten(replies, into);
  }
  return into;
}

/** The children of a Listing (`{kind: "Listing", data: {children}}`). */
export function listingChildren(listing: unknown): unknown[] {
  return isObject(listing) && isObject(listing.data) && Array.isArray(listing.data.children)
    ? listing.data.children
    : [];
}
