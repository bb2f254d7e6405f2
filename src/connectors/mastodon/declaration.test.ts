import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { normaliseInstance, parseCredentials } from './credentials.ts';
import { mastodonDeclaration } from './declaration.ts';
import { statusBody } from './publish.ts';

const account = { externalId: '1@social.example', username: 'alice', displayName: 'A', credentials: {} };

describe('mastodonDeclaration', () => {
  it.each([
    [{}, true],
    [{ visibility: 'public', spoilerText: 'cw', sensitive: true, altText: ['a'] }, true],
    [{ visibility: 'direct' }, true],
    [{ visibility: 'followers' }, false],
    [{ sensitive: 'yes' }, false],
    [{ altText: 'not a list' }, false],
    [{ unknownField: 1 }, false],
  ])('options %j valid: %s', (options, valid) => {
    expect(Value.Check(mastodonDeclaration.optionsSchema, options)).toBe(valid);
  });

  it('declares the default instance limits: 500 characters, 4 images or 1 video, delete and reconcile', () => {
    expect(mastodonDeclaration.text).toMatchObject({
      limit: 500,
      unit: 'characters',
      counting: { note: expect.stringContaining('23') },
    });
    expect(mastodonDeclaration.media).toEqual({ maxImages: 4, maxVideos: 1, mix: false });
    expect(mastodonDeclaration.capabilities).toEqual({ delete: true, reconcile: true });
    expect(mastodonDeclaration.credentials.map((c) => [c.name, c.secret])).toEqual([
      ['instance', false],
      ['accessToken', true],
    ]);
  });
});

describe('the instance URL', () => {
  it.each([
    ['mastodon.social', 'https://mastodon.social'],
    ['https://mastodon.social/', 'https://mastodon.social'],
    ['  https://Mastodon.Social/@alice?x=1#y ', 'https://mastodon.social'],
    ['https://social.example:8443/api/v1', 'https://social.example:8443'],
    ['http://127.0.0.1:3000/', 'http://127.0.0.1:3000'],
  ])('%j → %s (no path, no trailing slash)', (given, origin) => {
    expect(normaliseInstance(given)).toEqual({ origin });
  });

  it.each([
    ['', 'instance is required (e.g. https://mastodon.social)'],
    [42, 'instance is required (e.g. https://mastodon.social)'],
    ['ftp://social.example', 'instance must be an https URL (got ftp:)'],
    ['https://user:pw@social.example', 'instance must not carry a user name or password'],
    ['https://exa mple.com', 'instance is not a URL: "https://exa mple.com"'],
  ])('%j is refused: %s', (given, problem) => {
    expect(normaliseInstance(given)).toBe(problem);
  });

  it('credentials need both fields', () => {
    expect(parseCredentials({ instance: 'mastodon.social', accessToken: ' t ' })).toEqual({
      instance: 'https://mastodon.social',
      accessToken: 't',
    });
    expect(parseCredentials({ instance: 'mastodon.social' })).toBe('accessToken is required');
  });
});

describe('statusBody', () => {
  it('maps mastodonOptions to the status parameters, leaving out what was not given', () => {
    const input = { targetId: 't', text: 'hi', media: [], options: {}, account };
    expect(statusBody(input, [])).toEqual({ status: 'hi' });
    expect(
      statusBody({ ...input, options: { visibility: 'private', spoilerText: 'cw', sensitive: false } }, [
        '1',
        '2',
      ]),
    ).toEqual({
      status: 'hi',
      media_ids: ['1', '2'],
      visibility: 'private',
      spoiler_text: 'cw',
      sensitive: false,
    });
  });
});

describe('sandboxPost', () => {
  it('is stable for one seed and shaped like a status URL', () => {
    const seed = { key: 'k', numeric: '1234567890123456789', username: 'alice', options: {} };
    expect(mastodonDeclaration.sandboxPost(seed)).toEqual({
      id: '123456789012345678',
      postUrl: 'https://mastodon.social/@alice/123456789012345678',
    });
  });
});
