import { describe, expect, it } from 'vitest';
import { renderBody } from './payloads.ts';

const at = '2026-07-08T12:30:02.123Z';

describe('social payloads', () => {
  it.each([
    [
      'a link by the user',
      { type: 'link', source: 'user', platform: 'bluesky', displayName: 'Acme', refId: 'r1', at },
      {
        action: 'social',
        created: '2026-07-08T12:30:02Z',
        code: 200,
        displayName: 'Acme',
        hookId: 'evt_1',
        platform: 'bluesky',
        refId: 'r1',
        type: 'link',
        source: 'user',
      },
    ],
    [
      'a refresh that failed for good: the catalog error in details, its HTTP status as code',
      {
        type: 'refresh',
        source: 'system',
        platform: 'youtube',
        displayName: 'Acme TV',
        refId: 'r1',
        at,
        details: { code: 623, params: { platformName: 'YouTube' } },
        refreshBy: '2026-07-10T00:00:00Z',
      },
      {
        action: 'social',
        created: '2026-07-08T12:30:02Z',
        code: 401,
        details: { status: 'error', code: 623, message: expect.stringContaining('YouTube') },
        displayName: 'Acme TV',
        hookId: 'evt_1',
        platform: 'youtube',
        refId: 'r1',
        refreshBy: '2026-07-10T00:00:00Z',
        type: 'refresh',
        source: 'system',
      },
    ],
  ])('%s', (_name, data, expected) => {
    const body = renderBody({ id: 'evt_1', action: 'social', subAction: null, data }, 'https://x/hook');
    expect(JSON.parse(body)).toEqual(expected);
    // Ayrshare's field order: action first, source last.
    expect(Object.keys(JSON.parse(body))[0]).toBe('action');
  });

  it('an action without a renderer is a programming error, never an empty body', () => {
    expect(() => renderBody({ id: 'e', action: 'feed', subAction: null, data: {} }, 'u')).toThrow(/feed/);
  });
});
