import { describe, expect, it } from 'vitest';
import { validateTarget } from '../../posts/validate-target.ts';
import type { PublishInput } from '../types.ts';
import { mastodonDeclaration } from './declaration.ts';
import { mastodonLength } from './text.ts';

const LONG_URL = `https://example.com/${'a'.repeat(200)}`;

describe('a status’s length as Mastodon counts it', () => {
  it.each([
    ['plain text', 'hello', '', 5],
    ['a URL is 23 whatever its length', LONG_URL, '', 23],
    ['two URLs', `${LONG_URL} ${LONG_URL}`, '', 47],
    ['punctuation after a URL is the sentence’s', `see ${LONG_URL}.`, '', 4 + 23 + 1],
    ['a closing bracket the URL did not open', `(${LONG_URL})`, '', 25],
    ['a URL needs its protocol', 'example.com/abc', '', 15],
    ['a mention counts without its domain', '@alice@mastodon.social hi', '', 9],
    ['a local mention counts whole', '@alice hi', '', 9],
    ['an e-mail address is no mention', 'me@alice@example.com', '', 20],
    ['graphemes, not code points', '👩‍👩‍👧‍👦', '', 1],
    ['the content warning counts', 'hello', 'CW: spoilers', 17],
  ])('%s', (_label, text, spoiler, expected) => {
    expect(mastodonLength(text, spoiler)).toBe(expected);
  });
});

describe('validation counts as Mastodon does (132 only past 500 by its count)', () => {
  const input = (text: string, options: Record<string, unknown> = {}): PublishInput => ({
    targetId: 't',
    text,
    media: [],
    options,
    account: { externalId: '1', username: 'u', displayName: 'U', credentials: {} },
  });

  it('accepts 477 characters and a 200-character URL (500 by Mastodon’s count)', () => {
    const text = `${'a'.repeat(476)} ${LONG_URL}`;
    expect([...text].length).toBeGreaterThan(500);
    expect(validateTarget(mastodonDeclaration, input(text), undefined)).toEqual([]);
  });

  it('refuses 501 by Mastodon’s count, naming that count', () => {
    const text = `${'a'.repeat(477)} ${LONG_URL}`;
    expect(validateTarget(mastodonDeclaration, input(text), undefined)).toEqual([
      {
        code: 132,
        platform: 'mastodon',
        params: { platformName: 'Mastodon', length: 501, limit: 500, unit: 'characters' },
      },
    ]);
  });

  it('counts the content warning', () => {
    const options = { spoilerText: 'b'.repeat(10) };
    expect(validateTarget(mastodonDeclaration, input('a'.repeat(495), options), options)).toMatchObject([
      { code: 132, params: { length: 505 } },
    ]);
  });
});
