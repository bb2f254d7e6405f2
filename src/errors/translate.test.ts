import { describe, expect, it } from 'vitest';
import { buildErrorBody } from './build.ts';
import { CATALOG } from './catalog/index.ts';
import { LANGUAGES, messageKey, pickLanguage, TRANSLATIONS } from './translate.ts';

/** Every message key of the catalog with its English template, generated so none is missed. */
const ENGLISH = new Map(
  CATALOG.flatMap((entry) =>
    Object.entries(entry.variants).map(([name, v]) => [messageKey(entry.code, name), v.message] as const),
  ),
);

/** Placeholders as `fill` sees them, sorted, with repeats kept (the count matters too). */
function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

describe('translations', () => {
  it('covers the eight languages Herald documents', () => {
    expect([...LANGUAGES].sort()).toEqual(['de', 'es', 'fr', 'it', 'ja', 'nl', 'pt', 'zh']);
  });

  describe.each(LANGUAGES)('%s', (lang) => {
    const table = TRANSLATIONS[lang] ?? {};

    it('has exactly the catalog’s keys', () => {
      const keys = new Set(Object.keys(table));
      const missing = [...ENGLISH.keys()].filter((k) => !keys.has(k));
      const extra = [...keys].filter((k) => !ENGLISH.has(k));
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    });

    it.each([...ENGLISH])('%s keeps the placeholders of the English template', (key, english) => {
      const translated = table[key];
      expect(translated, `${lang}.json has no ${key}`).toBeTypeOf('string');
      expect(translated?.trim()).not.toBe('');
      expect(placeholders(translated ?? '')).toEqual(placeholders(english));
    });
  });

  it('keeps URLs, headers, field names, literals and product names untranslated', () => {
    const literals = [
      /https?:\/\/[^\s)]*[^\s).,]/g,
      /\b(?:console\.)?x\.com\b/g,
      /X-Twitter-OAuth1-Api-(?:Key|Secret)|Authorization: Bearer <API key>|Profile-Key|Authorization/g,
      /instagramOptions\.trialParams\.graduationStrategy|graduationStrategy|idempotencyKey|scheduleDate/g,
      /"MANUAL"|"SS_PERFORMANCE"|'Read and write and Direct message'|\{"sandbox": true\}|Access Token/g,
      /POST \/api\/accounts|\/openapi\.json|facebookexternalhit|robots\.txt|2207052|OAuth 1\.0a|\.mp4|\.mov/g,
      /\b(?:Instagram|Facebook|YouTube|TikTok|Threads|LinkedIn|Meta|Twitter|Google|Herald)\b|r\/\{subreddit\}/g,
    ];
    for (const [key, english] of ENGLISH) {
      const expected = literals.flatMap((re) => english.match(re) ?? []);
      for (const lang of LANGUAGES) {
        const translated = TRANSLATIONS[lang]?.[key] ?? '';
        for (const token of expected) expect(translated, `${lang} ${key}`).toContain(token);
      }
    }
  });
});

describe('pickLanguage', () => {
  it.each([
    ['fr', 'fr'],
    ['FR', 'fr'],
    [' fr ', 'fr'],
    ['pt-BR', 'pt'],
    ['zh_CN', 'zh'],
    ['xx', undefined],
    ['en', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %j', (header, expected) => {
    expect(pickLanguage(header)).toBe(expected);
  });
});

describe('buildErrorBody with a language', () => {
  it('translates message and leaves details untouched', () => {
    const spec = { code: 451, platform: 'linkedin', details: 'HTTP 403 from origin' } as const;
    const english = buildErrorBody(spec);
    const french = buildErrorBody(spec, 'fr');
    expect(french.message).toBe(TRANSLATIONS.fr?.['451']);
    expect(french.message).not.toBe(english.message);
    expect(french.details).toBe('HTTP 403 from origin');
    expect({ ...french, message: english.message }).toEqual(english);
  });

  it('fills placeholders into the translated template and leaves a details template as filled', () => {
    const french = buildErrorBody({ code: 435, platform: 'instagram', params: { retryAfter: 3600 } }, 'fr');
    expect(french.message).toBe(TRANSLATIONS.fr?.['435']);
    expect(french.details).toBe('Retry-After: 3600');
    const reddit = buildErrorBody({ code: 442, platform: 'reddit', params: { subreddit: 'news' } }, 'fr');
    expect(reddit.message).toContain('r/news');
  });

  it('uses the variant’s own translation', () => {
    const body = buildErrorBody({ code: 258, variant: 'relink', platform: 'instagram' }, 'de');
    expect(body.message).toBe(TRANSLATIONS.de?.['258.relink']);
  });

  it('answers in English for an unknown language', () => {
    expect(buildErrorBody({ code: 110, platform: 'twitter' }, 'xx').message).toBe('Status is a duplicate.');
  });
});
