import { describe, expect, it } from 'vitest';
import { buildErrorBody, type ErrorSpec } from '../../errors/build.ts';
import type { MediaItem, PublishInput } from '../types.ts';
import { isLegacyLink } from './byo-keys.ts';
import { twitterDeclaration } from './declaration.ts';
import { threadSegments, tweetTexts } from './thread.ts';

const KEYS = { 'x-twitter-oauth1-api-key': 'k', 'x-twitter-oauth1-api-secret': 's' };
const LINKED = { accessToken: 't', accessTokenSecret: 'ts' };

function validate(given: {
  text?: string;
  options?: Record<string, unknown>;
  secrets?: Record<string, string>;
  credentials?: Record<string, unknown>;
  media?: MediaItem[];
}): ErrorSpec[] {
  const input: PublishInput = {
    targetId: 't',
    text: given.text ?? 'hello',
    media: given.media ?? [],
    options: given.options ?? {},
    account: { externalId: '1', username: 'u', displayName: 'U', credentials: given.credentials ?? LINKED },
  };
  if (given.secrets) input.requestSecrets = given.secrets;
  return twitterDeclaration.validate?.(input) ?? [];
}

describe('BYO keys (seed 002: 419, 423)', () => {
  it.each([
    ['both headers', KEYS, []],
    ['neither header', {}, [{ code: 419, platform: 'twitter' }]],
    ['no secrets at all', undefined, [{ code: 419, platform: 'twitter' }]],
    [
      'the key only',
      { 'x-twitter-oauth1-api-key': 'k' },
      [{ code: 419, platform: 'twitter', variant: 'missingSecret' }],
    ],
    [
      'the secret only',
      { 'x-twitter-oauth1-api-secret': 's' },
      [{ code: 419, platform: 'twitter', variant: 'missingKey' }],
    ],
    [
      'an empty key counts as missing',
      { ...KEYS, 'x-twitter-oauth1-api-key': ' ' },
      [{ code: 419, platform: 'twitter', variant: 'missingKey' }],
    ],
  ])('%s', (_label, secrets, expected) => {
    expect(validate(secrets ? { secrets } : {})).toEqual(expected);
  });

  it('the one-missing variants name the missing header, as the seed prints them', () => {
    const [spec] = validate({ secrets: { 'x-twitter-oauth1-api-key': 'k' } });
    expect(buildErrorBody(spec as ErrorSpec).message).toBe(
      'You provided X-Twitter-OAuth1-Api-Key but not X-Twitter-OAuth1-Api-Secret. OAuth 1.0a requires both. Missing: X-Twitter-OAuth1-Api-Secret. See https://docs.ayrshare.com/x-api-setup for setup instructions.',
    );
  });

  it.each([
    [{ accessToken: 'oauth2-bearer' }, true],
    [{ accessToken: 't', accessTokenSecret: 's', legacy: true }, true],
    [LINKED, false],
    // What the core validates with before anything is decrypted: unknown, not legacy.
    [{}, false],
  ])('legacy link %j → %s', (credentials, legacy) => {
    expect(isLegacyLink(credentials)).toBe(legacy);
  });

  it('an account linked the legacy way answers 423, with or without keys', () => {
    const legacy = { accessToken: 'oauth2-bearer' };
    expect(validate({ credentials: legacy, secrets: KEYS })).toEqual([{ code: 423, platform: 'twitter' }]);
    expect(validate({ credentials: legacy })).toEqual([{ code: 423, platform: 'twitter' }]);
  });

  it('a sandbox account asks for the keys as X does (it must refuse what X refuses)', () => {
    expect(validate({ credentials: { sandbox: true } })).toEqual([{ code: 419, platform: 'twitter' }]);
    expect(validate({ credentials: { sandbox: true }, secrets: KEYS })).toEqual([]);
  });

  it('linking asks for the same keys, sandbox or not', () => {
    const link = twitterDeclaration.validateAccess;
    expect(link?.({ sandbox: true }, {})).toEqual([{ code: 419, platform: 'twitter' }]);
    expect(link?.(LINKED, { 'x-twitter-oauth1-api-key': 'k' })).toEqual([
      { code: 419, platform: 'twitter', variant: 'missingSecret' },
    ]);
    expect(link?.({ ...LINKED, legacy: true }, KEYS)).toEqual([{ code: 423, platform: 'twitter' }]);
    expect(link?.(LINKED, KEYS)).toEqual([]);
  });
});

describe('text length per tweet (weighted)', () => {
  const tooLong = (length: number, limit: number) => ({
    code: 132,
    platform: 'twitter',
    params: { platformName: 'X/Twitter', length, limit, unit: 'weighted characters' },
  });

  it.each([
    ['280 characters', 'a'.repeat(280), {}, []],
    ['281 characters', 'a'.repeat(281), {}, [tooLong(281, 280)]],
    ['141 CJK characters weigh 282', '日'.repeat(141), {}, [tooLong(282, 280)]],
    ['a long post with longPost', 'a'.repeat(20_000), { longPost: true }, []],
    [
      'longer than 25,000 even with longPost',
      'a'.repeat(25_001),
      { longPost: true },
      [tooLong(25_001, 25_000)],
    ],
    ['a thread of short parts', `${'a'.repeat(280)}\n\n${'b'.repeat(280)}`, { thread: true }, []],
    ['a thread with one part too long', `a\n\n${'b'.repeat(281)}`, { thread: true }, [tooLong(281, 280)]],
    [
      'numbering counts',
      `${'a'.repeat(277)}\n\nb`,
      { thread: true, threadNumber: true },
      [tooLong(281, 280)],
    ],
  ])('%s', (_label, text, options, expected) => {
    expect(validate({ text, options, secrets: KEYS })).toEqual(expected);
  });
});

describe('polls', () => {
  const poll = { duration: 60, options: ['yes', 'no'] };
  it('a poll cannot carry media, nor quote a post', () => {
    expect(validate({ options: { poll }, secrets: KEYS })).toEqual([]);
    expect(
      validate({
        options: { poll },
        secrets: KEYS,
        media: [{ url: 'https://m.example/a.jpg', kind: 'image' }],
      }),
    ).toMatchObject([{ code: 136, params: { reason: 'a post with a poll cannot carry media' } }]);
    expect(validate({ options: { poll, quoteTweetId: '1' }, secrets: KEYS })).toMatchObject([
      { code: 620, params: { optionsField: 'twitterOptions' } },
    ]);
  });
});

describe('threads', () => {
  it.each([
    ['one\n\ntwo\n\nthree', false, ['one', 'two', 'three']],
    ['one\n \ntwo', false, ['one', 'two']],
    ['line one\nline two\n\n\n\nnext', false, ['line one\nline two', 'next']],
    ['  padded  \n\n\n', false, ['padded']],
    ['a\n\nb', true, ['a 1/2', 'b 2/2']],
  ])('%j (numbered: %s)', (text, numbered, expected) => {
    expect(threadSegments(text, numbered)).toEqual(expected);
  });

  it('without thread the text is one tweet, blank lines and all', () => {
    expect(tweetTexts('a\n\nb', {})).toEqual(['a\n\nb']);
    expect(tweetTexts('a\n\nb', { thread: true })).toEqual(['a', 'b']);
  });
});
