/**
 * How far a comments read follows a network's pages. A read collects the network's
 * pages in its own order until no page is left, `COMMENT_READ_LIMIT` comments (top level
 * or not, as each network pages them) are in hand, or `COMMENT_READ_PAGES` pages were
 * asked for: enough for any post a person moderates by hand, bounded so that one read
 * of a viral post neither runs for minutes nor spends a day's quota (YouTube, X credits).
 * docs/api.md states the bound; past it the rest is not read.
 */
export const COMMENT_READ_LIMIT = 500;
export const COMMENT_READ_PAGES = 10;

export type Page<T, F> = { ok: true; items: T[]; next?: string | undefined } | { ok: false; failure: F };

export type Pages<T, F> = { ok: true; items: T[]; truncated: boolean } | { ok: false; failure: F };

/**
 * Asks for pages with the cursor each one gives (`next`), starting without one. A page
 * that fails fails the read: a partial list would look complete to the caller.
 */
export async function readPages<T, F>(
  page: (cursor: string | undefined) => Promise<Page<T, F>>,
  limit = COMMENT_READ_LIMIT,
): Promise<Pages<T, F>> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let asked = 0; asked < COMMENT_READ_PAGES; asked += 1) {
    const answer = await page(cursor);
    if (!answer.ok) return answer;
    items.push(...answer.items);
    cursor = answer.next;
    if (!cursor) return { ok: true, items, truncated: false };
    if (items.length >= limit) break;
  }
  return { ok: true, items: items.slice(0, limit), truncated: true };
}
