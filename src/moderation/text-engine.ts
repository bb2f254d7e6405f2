import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';
import { LANGUAGE_LISTS, type LanguageList } from './word-lists.ts';

/**
 * The local text engine: a word-list matcher. English through obscenity (its dataset
 * with a whitelist against the Scunthorpe problem, and transformers that undo leetspeak,
 * look-alike letters and stretched words: "sh1t", "biiitch"); every other language
 * through the LDNOOBW lists with Unicode-aware word boundaries (obscenity's boundaries
 * are ASCII-only, so a Cyrillic word would match inside a longer one). It judges words,
 * never meaning: an insult made of ordinary words passes, a listed word used innocently
 * is flagged.
 */

export interface TextMatch {
  language: string;
  /** The listed word (English: the base word the variant stands for). */
  term: string;
  /** UTF-16 offsets into the text as given, end exclusive. */
  start: number;
  end: number;
}

const english = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });

function escapeRegExp(word: string): string {
  // `u` mode refuses escapes it does not need (`\-` outside a class): only the syntax characters.
  return word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** One alternation per language, longest words first so "arschloch" wins over "arsch". */
function compile(list: LanguageList): RegExp {
  const words = [...list.words].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const core = `(?:${words.join('|')})`;
  const pattern = list.wholeWord ? `(?<![\\p{L}\\p{N}\\p{M}])${core}(?![\\p{L}\\p{N}\\p{M}])` : core;
  return new RegExp(pattern, 'giu');
}

const COMPILED = LANGUAGE_LISTS.filter((l) => l.words.length > 0).map((list) => ({
  language: list.language,
  regex: compile(list),
  words: new Map(list.words.map((w) => [w.toLowerCase(), w])),
}));

/** Every listed word found in the text, in order of position. */
export function findListedWords(text: string): TextMatch[] {
  const matches: TextMatch[] = english.getAllMatches(text, true).map((m) => ({
    language: 'en',
    term:
      englishDataset.getPayloadWithPhraseMetadata(m).phraseMetadata?.originalWord ??
      text.slice(m.startIndex, m.endIndex + 1),
    start: m.startIndex,
    end: m.endIndex + 1,
  }));
  for (const { language, regex, words } of COMPILED) {
    for (const m of text.matchAll(regex)) {
      const found = m[0];
      matches.push({
        language,
        term: words.get(found.toLowerCase()) ?? found,
        start: m.index ?? 0,
        end: (m.index ?? 0) + found.length,
      });
    }
  }
  // obscenity reports a word once per pattern that matched it: one entry per place is enough.
  const seen = new Set<string>();
  return matches
    .sort((a, b) => a.start - b.start || a.language.localeCompare(b.language))
    .filter((m) => {
      const key = `${m.language}:${m.start}:${m.end}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** Languages the local engine has lists for. */
export const TEXT_LANGUAGES: readonly string[] = ['en', ...COMPILED.map((c) => c.language)];
