import { describe, expect, it } from 'vitest';
import { variantOf } from '../errors/build.ts';
import { FACEBOOK_ANALYTICS_ERRORS } from './facebook/analytics-errors.ts';
import { LIVE_CONNECTORS } from './registry.ts';
import { COMMENT_ERRORS } from './tiktok/comments.ts';
import { FAIL_REASONS } from './tiktok/errors.ts';
import type { ErrorRow } from './types.ts';
import { THUMBNAIL_ERRORS } from './youtube/errors.ts';

/**
 * Where the catalog prescribes a code's details (624 and 435: `Retry-After: {retryAfter}`),
 * every row of every error table that maps to it must give what the template needs:
 * the wait stated in the row, or an `after-reset` retry whose wait the connector measures
 * from the network's answer. Otherwise the caller would get no Retry-After at all.
 */

const TABLES: [string, readonly ErrorRow[]][] = [
  ...Object.entries(LIVE_CONNECTORS).map(
    ([id, c]) => [id, c?.errorTable ?? []] as [string, readonly ErrorRow[]],
  ),
  ['tiktok fail_reason', FAIL_REASONS],
  ['tiktok comments', COMMENT_ERRORS],
  ['youtube thumbnails', THUMBNAIL_ERRORS],
  ['facebook analytics', FACEBOOK_ANALYTICS_ERRORS],
];

const rows = TABLES.flatMap(([table, list]) =>
  list.flatMap((row, index) => {
    const template = variantOf(row.maps).details;
    return template ? [{ table, index, row, template }] : [];
  }),
);

describe('rows of a code whose details the catalog prescribes', () => {
  it('exist (624 is mapped by most networks)', () => {
    expect(rows.filter((r) => r.row.maps.code === 624).length).toBeGreaterThan(10);
  });

  it.each(rows.map((r) => [`${r.table} #${r.index} (${r.row.note})`, r] as const))(
    '%s',
    (_name, { row, template }) => {
      const needed = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
      const given = new Set(Object.keys(row.maps.params ?? {}));
      if (row.retry === 'after-reset') given.add('retryAfter');
      expect(needed.filter((name) => !given.has(name))).toEqual([]);
    },
  );
});
