import { describe, expect, it } from 'vitest';
import { COMMENT_READ_LIMIT, COMMENT_READ_PAGES, type Page, readPages } from './comment-pages.ts';

/** A network of `total` items served `size` per page, with the cursors it was asked. */
function network(total: number, size: number, failAt?: number) {
  const asked: (string | undefined)[] = [];
  const page = async (cursor: string | undefined): Promise<Page<number, string>> => {
    asked.push(cursor);
    const start = cursor ? Number(cursor) : 0;
    if (failAt !== undefined && start >= failAt) return { ok: false, failure: `failed at ${start}` };
    const items = Array.from({ length: Math.max(0, Math.min(size, total - start)) }, (_, i) => start + i);
    return { ok: true, items, next: start + size < total ? String(start + size) : undefined };
  };
  return { asked, page };
}

describe('readPages', () => {
  it.each([
    ['one page', 7, 100, 7, false, 1],
    ['three pages, to the end', 250, 100, 250, false, 3],
    ['stops at the comment bound', 2000, 100, COMMENT_READ_LIMIT, true, 5],
    ['stops at the page bound on tiny pages', 2000, 10, COMMENT_READ_PAGES * 10, true, COMMENT_READ_PAGES],
    ['an empty thread', 0, 100, 0, false, 1],
  ])('%s', async (_name, total, size, read, truncated, pages) => {
    const { asked, page } = network(total, size);
    const out = await readPages(page);
    expect(out).toEqual({ ok: true, items: Array.from({ length: read }, (_, i) => i), truncated });
    expect(asked).toHaveLength(pages);
    expect(asked[0]).toBeUndefined();
  });

  it('a page that fails fails the read (a partial list would look complete)', async () => {
    const { page } = network(300, 100, 200);
    expect(await readPages(page)).toEqual({ ok: false, failure: 'failed at 200' });
  });
});
