import { describe, expect, it } from 'vitest';
import { buildErrorBody } from '../errors/build.ts';
import { catalogEntry } from '../errors/catalog/index.ts';
import { catalogErrorsIn, explainCode, explainLine } from './explain-error.ts';

describe('explainCode', () => {
  it('says what a code is from its catalog entry', () => {
    const entry = catalogEntry(440);
    expect(explainCode(440)).toMatchObject({
      code: 440,
      title: entry.title,
      httpStatus: entry.http,
      remedy: entry.remedy,
      retry: { retry: 'no' },
      docs: 'docs/errors.md#440',
    });
    expect(explainCode(631).meaning).toMatch(/^The whole request was refused/);
    expect(explainCode(625).meaning).toMatch(/^One network failed/);
  });

  it('puts the network, the retry advice and the remedy on one line', () => {
    expect(explainLine(625, {}, 'bluesky')).toBe(
      `625 (bluesky) ${catalogEntry(625).title}: retry? yes: retry_post re-sends only the failed networks. Remedy: ${catalogEntry(625).remedy}`,
    );
  });
});

describe('catalogErrorsIn', () => {
  const network = buildErrorBody(
    { code: 624, params: { platformName: 'Bluesky', retryAfter: '30' } },
    undefined,
  );
  const rows: [string, unknown, { code: number; platform?: string }[]][] = [
    [
      'a request refused',
      buildErrorBody({ code: 631, params: { field: 'colour' } }, undefined),
      [{ code: 631 }],
    ],
    [
      'an envelope with one failed network',
      {
        status: 'error',
        errors: [{ ...network, platform: 'bluesky' }],
        postIds: [{ status: 'success', id: '1' }],
      },
      [{ code: 624, platform: 'bluesky' }],
    ],
    ['a success', { status: 'success', postIds: [{ status: 'success', id: '1', platform: 'facebook' }] }, []],
    // A network's part of an analytics answer sits under its name.
    [
      'an analytics answer',
      { status: 'error', facebook: { ...network, platform: 'facebook' } },
      [{ code: 624, platform: 'facebook' }],
    ],
    ['a code that is not Herald’s', { code: 99999, message: 'from elsewhere' }, []],
  ];
  it.each(rows)('%s', (_what, body, expected) => {
    expect(
      catalogErrorsIn(body).map(({ code, platform }) => ({ code, ...(platform ? { platform } : {}) })),
    ).toEqual(expected);
  });

  it('keeps what the occurrence said about itself (Retry-After, relink)', () => {
    const [found] = catalogErrorsIn({ errors: [{ ...network, platform: 'bluesky' }] });
    expect(found?.occurrence.details).toBe('Retry-After: 30');
    expect(explainLine(624, found?.occurrence)).toContain('retry? after 30 s');
  });
});
