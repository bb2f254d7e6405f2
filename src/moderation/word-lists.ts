import { createRequire } from 'node:module';

/**
 * The non-English word lists of the local engine: LDNOOBW (the `naughty-words` package),
 * written by speakers of each language (CC-BY-4.0). English is judged by obscenity instead
 * (see text-engine.ts), which also catches leetspeak and look-alike letters.
 */

const require = createRequire(import.meta.url);
const LISTS = require('naughty-words') as Record<string, string[]>;

/** Languages written without spaces between words: a word boundary cannot be asked for there. */
const UNSPACED = new Set(['ja', 'zh', 'ko', 'th']);

/** Not a language anyone posts in (Klingon), or a variant folded into its language. */
const SKIPPED = new Set(['en', 'tlh', 'fr-CA-u-sd-caqc']);
const FOLDED: Readonly<Record<string, string>> = { 'fr-CA-u-sd-caqc': 'fr' };

export interface LanguageList {
  language: string;
  /** Whether a match must stand as a whole word (letters, digits and marks on neither side). */
  wholeWord: boolean;
  words: readonly string[];
}

function wordsOf(language: string): string[] {
  const own = LISTS[language] ?? [];
  const folded = Object.entries(FOLDED).flatMap(([variant, into]) =>
    into === language ? (LISTS[variant] ?? []) : [],
  );
  const words = [...new Set([...own, ...folded].map((w) => w.trim()).filter((w) => w.length > 0))];
  // Without word boundaries a single character matches inside ordinary words (乳 in 牛乳, milk),
  // and a Latin entry of these lists ("sm", "xx") inside English ones ("assessment").
  return UNSPACED.has(language) ? words.filter((w) => [...w].length > 1 && /[^\p{ASCII}]/u.test(w)) : words;
}

export const LANGUAGE_LISTS: readonly LanguageList[] = Object.keys(LISTS)
  .filter((language) => !SKIPPED.has(language))
  .sort()
  .map((language) => ({ language, wholeWord: !UNSPACED.has(language), words: wordsOf(language) }));
