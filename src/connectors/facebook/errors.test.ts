import { describe, expect, it } from 'vitest';
import { buildErrorBody, httpStatusOf } from '../../errors/build.ts';
import { catalogEntry } from '../../errors/catalog/index.ts';
import type { GraphError } from '../shared/graph-client.ts';
import { graphAnswer } from '../shared/graph-test-kit.ts';
import { classifyAnswer, FACEBOOK_ERRORS } from './errors.ts';

type Retry = 'after-reset' | 'backoff' | undefined;

/** One vector per row, in table order. */
const vectors: { row: string; given: GraphError; code: number; retry?: Retry }[] = [
  { row: 'identity 368/4854002', given: graphAnswer(400, 368, 4854002), code: 326 },
  { row: 'identity 1404078', given: graphAnswer(400, 200, 1404078), code: 326 },
  { row: '506', given: graphAnswer(400, 506, 1455006), code: 107 },
  { row: '1366051', given: graphAnswer(400, 100, 1366051), code: 107 },
  { row: '190/458', given: graphAnswer(400, 190, 458), code: 161 },
  { row: '190/459', given: graphAnswer(400, 190, 459), code: 161 },
  { row: '190/460', given: graphAnswer(400, 190, 460), code: 161 },
  { row: '190/463', given: graphAnswer(400, 190, 463), code: 161 },
  { row: '190/464', given: graphAnswer(400, 190, 464), code: 161 },
  { row: '190/467', given: graphAnswer(400, 190, 467), code: 161 },
  { row: '190/492', given: graphAnswer(400, 190, 492), code: 161 },
  { row: '190', given: graphAnswer(401, 190), code: 161 },
  { row: '102', given: graphAnswer(400, 102), code: 161 },
  { row: '10', given: graphAnswer(403, 10), code: 161 },
  { row: '200', given: graphAnswer(403, 200), code: 161 },
  { row: '100/33', given: graphAnswer(400, 100, 33), code: 161 },
  { row: '1390008', given: graphAnswer(400, 368, 1390008), code: 624, retry: 'after-reset' },
  { row: '1346003', given: graphAnswer(400, 368, 1346003), code: 622 },
  { row: '1404102', given: graphAnswer(400, 368, 1404102), code: 622 },
  { row: '1404006', given: graphAnswer(400, 368, 1404006), code: 627 },
  { row: '1404112', given: graphAnswer(400, 368, 1404112), code: 627 },
  { row: '368', given: graphAnswer(400, 368), code: 627 },
  { row: '4', given: graphAnswer(400, 4), code: 624, retry: 'after-reset' },
  { row: '17', given: graphAnswer(400, 17), code: 624, retry: 'after-reset' },
  { row: '32', given: graphAnswer(400, 32), code: 624, retry: 'after-reset' },
  { row: '341', given: graphAnswer(400, 341), code: 624, retry: 'after-reset' },
  { row: '613', given: graphAnswer(400, 613), code: 624, retry: 'after-reset' },
  { row: '80001', given: graphAnswer(400, 80001), code: 624, retry: 'after-reset' },
  { row: '1366046', given: graphAnswer(400, 100, 1366046), code: 622 },
  { row: '1609005', given: graphAnswer(400, 1609005), code: 622 },
  { row: '1609008', given: graphAnswer(400, 100, 1609008), code: 622 },
  { row: '2061006', given: graphAnswer(400, 100, 2061006), code: 622 },
  { row: '1363047', given: graphAnswer(500, 2, 1363047), code: 625, retry: 'backoff' },
  { row: '1609010', given: graphAnswer(500, 2, 1609010), code: 625, retry: 'backoff' },
  { row: '1', given: graphAnswer(500, 1), code: 625, retry: 'backoff' },
  { row: '2', given: graphAnswer(500, 2), code: 625, retry: 'backoff' },
  { row: '5xx', given: graphAnswer(503), code: 625, retry: 'backoff' },
  { row: '100', given: graphAnswer(400, 100), code: 622 },
  { row: 'catch-all', given: graphAnswer(400, 12345), code: 621 },
];

describe('facebook error table', () => {
  it('has exactly one vector per row', () => {
    expect(vectors).toHaveLength(FACEBOOK_ERRORS.length);
  });

  it.each(vectors.map((vector, index) => ({ ...vector, index })))(
    'row $index ($row) → $code',
    ({ given, code, retry, index }) => {
      const classified = classifyAnswer(given);
      expect(classified.row).toBe(FACEBOOK_ERRORS[index]);
      expect(classified.spec.code).toBe(code);
      expect(classified.row.retry).toBe(retry);
      expect(catalogEntry(code).platforms).toContain('facebook');
      const body = buildErrorBody(classified.spec);
      expect(body.platform).toBe('facebook');
      // The seed's Facebook codes carry no details; Herald's own carry Meta's words.
      if ([107, 161, 326].includes(code)) expect(body.details).toBeUndefined();
      if ([621, 622, 627].includes(code)) expect(body.details).toBe(given.error.message);
    },
  );

  it('identity verification is 326 with HTTP 403 and no relink prompt', () => {
    const body = buildErrorBody(classifyAnswer(graphAnswer(400, 368, 4854002)).spec);
    expect(httpStatusOf(326)).toBe(403);
    expect(body.relink).toBeUndefined();
    expect(body.resolution).toBeUndefined();
  });
});
