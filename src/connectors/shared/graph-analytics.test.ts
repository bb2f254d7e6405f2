import { describe, expect, it } from 'vitest';
import { classifyAnswer as instagramPublishing } from '../instagram/errors.ts';
import { classifyAnswer as threadsPublishing } from '../threads/errors.ts';
import {
  count,
  graphAnalyticsFailure,
  META_ANALYTICS_ROWS,
  readInsights,
  summaryCount,
} from './graph-analytics.ts';
import { graphAnswer } from './graph-test-kit.ts';

describe('Meta’s shared analytics rows (Instagram, Threads)', () => {
  const vectors = [
    { row: 'identity 4854002', given: graphAnswer(400, 368, 4854002), code: 326 },
    { row: 'identity 1404078', given: graphAnswer(400, 200, 1404078), code: 326 },
    { row: '(#10)', given: graphAnswer(403, 10), code: 682 },
    { row: '(#200)', given: graphAnswer(403, 200), code: 682 },
    { row: '100/33', given: graphAnswer(400, 100, 33), code: 607 },
    { row: '4', given: graphAnswer(400, 4), code: 624 },
    { row: '17', given: graphAnswer(400, 17), code: 624 },
    { row: '32', given: graphAnswer(400, 32), code: 624 },
    { row: '613', given: graphAnswer(400, 613), code: 624 },
    { row: '80002', given: graphAnswer(400, 80002), code: 624 },
  ];

  it('one vector per row', () => {
    expect(vectors).toHaveLength(META_ANALYTICS_ROWS.length);
  });

  it.each(vectors)('$row → $code on Instagram and on Threads', ({ given, code }) => {
    for (const [platform, publishing] of [
      ['instagram', instagramPublishing],
      ['threads', threadsPublishing],
    ] as const) {
      const errors = { platform, platformName: platform, table: META_ANALYTICS_ROWS, publishing };
      expect(graphAnalyticsFailure(given, errors, { id: '1' }).error.code).toBe(code);
    }
  });

  it('what the rows do not name falls through to publishing (190 → the network’s relink code)', () => {
    const errors = {
      platform: 'instagram' as const,
      platformName: 'Instagram',
      table: META_ANALYTICS_ROWS,
      publishing: instagramPublishing,
    };
    expect(graphAnalyticsFailure(graphAnswer(400, 190, 463), errors, { id: '1' }).error.code).toBe(
      instagramPublishing(graphAnswer(400, 190, 463)).spec.code,
    );
  });
});

describe('reading Meta’s insights answers', () => {
  it('lifetime values, total values, and the latest day of a series', () => {
    expect(
      readInsights({
        data: [
          { name: 'reach', period: 'lifetime', values: [{ value: 12 }] },
          { name: 'followers_count', period: 'day', total_value: { value: 34 } },
          {
            name: 'views',
            period: 'day',
            values: [
              { value: 1, end_time: 'a' },
              { value: 5, end_time: 'b' },
            ],
          },
          { name: 'post_reactions_by_type_total', values: [{ value: { like: 3 } }] },
          { period: 'day', values: [{ value: 9 }] },
        ],
      }),
    ).toEqual({ reach: 12, followers_count: 34, views: 5, post_reactions_by_type_total: { like: 3 } });
  });

  it('absent counts are 0; summaries read total_count', () => {
    expect(count(undefined)).toBe(0);
    expect(count('7')).toBe(0);
    expect(summaryCount({ data: [], summary: { total_count: 8 } })).toBe(8);
    expect(summaryCount(undefined)).toBe(0);
  });
});
