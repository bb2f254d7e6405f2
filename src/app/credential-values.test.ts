import { describe, expect, it } from 'vitest';
import { DECLARATIONS } from '../connectors/declarations.ts';
import { credentialValueProblem } from './credential-values.ts';

const fields = (platform: keyof typeof DECLARATIONS) => DECLARATIONS[platform].credentials;

describe('credential values refused at link time', () => {
  const CASES: [string, keyof typeof DECLARATIONS, Record<string, unknown>, RegExp | undefined][] = [
    [
      'an ASCII token',
      'mastodon',
      { instance: 'https://m.example', accessToken: 'abc-DEF_123.~' },
      undefined,
    ],
    [
      'a token with a euro sign',
      'mastodon',
      { instance: 'https://m.example', accessToken: 'tök€n' },
      /credentials\.accessToken must be visible ASCII.*"ö" \(U\+00F6\)/,
    ],
    [
      'a token with a line break',
      'facebook',
      { pageId: '1', pageAccessToken: 'EAAB\nxyz' },
      /credentials\.pageAccessToken .* U\+000A,/,
    ],
    ['a token with a space', 'linkedin', { author: 'urn:li:person:1', accessToken: 'abc def' }, /U\+0020/],
    ['a token with a Latin-1 letter', 'telegram', { botToken: '123:AAé', chatId: '@x' }, /"é" \(U\+00E9\)/],
    [
      'an app password with an emoji',
      'bluesky',
      { identifier: 'a.test', appPassword: 'ab🙂' },
      /credentials\.appPassword/,
    ],
    ['a non-secret field with an accent', 'telegram', { botToken: '123:AA', chatId: '@chaîne' }, undefined],
    ['an empty optional secret', 'reddit', { accessToken: 'a', clientSecret: '' }, undefined],
    [
      'a Bluesky service with a user name and password',
      'bluesky',
      { service: 'https://u:p@pds.example', identifier: 'a', appPassword: 'b' },
      /credentials\.service must be a server address without a user name or password/,
    ],
    [
      'a Bluesky service with a user name only',
      'bluesky',
      { service: 'http://u@127.0.0.1:9', identifier: 'a', appPassword: 'b' },
      /credentials\.service/,
    ],
    [
      'a bare Mastodon host with userinfo',
      'mastodon',
      { instance: 'me:pw@mastodon.social', accessToken: 'a' },
      /credentials\.instance/,
    ],
    ['a bare Mastodon host', 'mastodon', { instance: 'mastodon.social', accessToken: 'a' }, undefined],
    [
      'a service that is not a URL (left to the connector)',
      'bluesky',
      { service: 'not a url', identifier: 'a', appPassword: 'b' },
      undefined,
    ],
  ];
  it.each(CASES)('%s', (_name, platform, credentials, expected) => {
    const problem = credentialValueProblem(fields(platform), credentials);
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatch(expected);
  });

  it('never quotes the value itself', () => {
    const problem = credentialValueProblem(fields('mastodon'), {
      instance: 'x',
      accessToken: 'secret-part€',
    });
    expect(problem).not.toContain('secret-part');
  });
});
