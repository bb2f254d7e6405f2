import { describe, expect, it } from 'vitest';
import { failureBody } from '../../app/analytics/envelope.ts';
import { httpStatusOf } from '../../errors/build.ts';
import { graphAnalyticsFailure } from '../shared/graph-analytics.ts';
import type { GraphError } from '../shared/graph-client.ts';
import { graphAnswer } from '../shared/graph-test-kit.ts';
import { FACEBOOK_ANALYTICS_ERRORS } from './analytics-errors.ts';
import { classifyAnswer } from './errors.ts';

const errors = {
  platform: 'facebook' as const,
  platformName: 'Facebook',
  table: FACEBOOK_ANALYTICS_ERRORS,
  publishing: classifyAnswer,
};
const object = { id: '104_777', pageId: '104' };

/** One vector per row of the analytics table, in order, then what falls through to publishing. */
const vectors: { row: string; given: GraphError; code: number }[] = [
  { row: '80001 per-Page throttle', given: graphAnswer(400, 80001), code: 444 },
  { row: 'identity 368/4854002', given: graphAnswer(400, 368, 4854002), code: 326 },
  { row: 'identity 1404078', given: graphAnswer(400, 200, 1404078), code: 326 },
  { row: '(#10) no read_insights', given: graphAnswer(403, 10), code: 682 },
  { row: '(#200) no pages_read_engagement', given: graphAnswer(403, 200), code: 682 },
  { row: '100/33 no such post', given: graphAnswer(400, 100, 33), code: 607 },
  { row: '4 app limit', given: graphAnswer(400, 4), code: 624 },
  { row: '17 user limit', given: graphAnswer(400, 17), code: 624 },
  { row: '32 page limit', given: graphAnswer(400, 32), code: 624 },
  { row: '613 custom limit', given: graphAnswer(400, 613), code: 624 },
  { row: '80002 Instagram BUC', given: graphAnswer(400, 80002), code: 624 },
  { row: 'falls through: 190/460 relink', given: graphAnswer(400, 190, 460), code: 161 },
  { row: 'falls through: 1 unknown', given: graphAnswer(500, 1), code: 625 },
];

describe('facebook analytics error table', () => {
  it('has one vector per row (the table and the vectors move together)', () => {
    expect(vectors.filter((v) => !v.row.startsWith('falls through'))).toHaveLength(
      FACEBOOK_ANALYTICS_ERRORS.length,
    );
  });

  it.each(vectors)('$row → $code', ({ given, code }) => {
    expect(graphAnalyticsFailure(given, errors, object).error.code).toBe(code);
  });

  it('80001 is 444 in the seed’s shape, HTTP 429, with Meta’s code, the Page and the post, never a relink', () => {
    const failure = graphAnalyticsFailure(graphAnswer(400, 80001), errors, object);
    expect(httpStatusOf(444)).toBe(429);
    const body = failureBody(failure, undefined);
    expect(body).toEqual({
      action: 'rate limit',
      status: 'error',
      code: 444,
      errCode: 80001,
      message:
        'Facebook Page has hit its per-Page rate limit on the analytics endpoint. Please wait a few minutes and retry.',
      pageId: '104',
      id: '104_777',
    });
    expect(Object.keys(body)).toEqual(['action', 'status', 'code', 'errCode', 'message', 'pageId', 'id']);
  });

  it('80001 waits as long as Meta’s usage header says (estimated_time_to_regain_access, minutes)', () => {
    const usage = JSON.stringify({ '104': [{ type: 'pages', estimated_time_to_regain_access: 12 }] });
    const failure = graphAnalyticsFailure(
      graphAnswer(400, 80001, undefined, { headers: { 'x-business-use-case-usage': usage } }),
      errors,
      object,
    );
    expect(failure.waitSeconds).toBe(720);
  });

  it('a missing analytics permission asks for a relink naming the network, with Meta’s words', () => {
    const failure = graphAnalyticsFailure(graphAnswer(403, 10), errors, object);
    expect(failureBody(failure, undefined)).toMatchObject({
      action: 'authorization',
      code: 682,
      resolution: { relink: true, platform: 'facebook' },
      platform: 'facebook',
    });
  });
});
