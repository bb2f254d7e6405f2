import { type CatalogEntry, catalogEntry, hasCode } from '../errors/catalog/index.ts';
import { type Occurrence, type RetryAdvice, retryAdvice } from './retry-advice.ts';

/** What a code means in one sentence, from the scope the catalog gives it. */
const MEANING: Readonly<Record<CatalogEntry['scope'], string>> = {
  request: 'The whole request was refused before anything happened: nothing was stored, posted or changed.',
  network:
    'One network failed (its entry in errors[] names it); the other networks of the post are unaffected and keep their results in postIds.',
  warning: 'Not a failure: the post went out, and this is what did not fully apply.',
  analytics: 'The metrics of that network could not be read; the other networks’ metrics are still answered.',
};

export interface Explanation {
  code: number;
  title: string;
  httpStatus: number;
  meaning: string;
  message: string;
  retry: RetryAdvice;
  remedy: string;
  relink: boolean;
  platforms: readonly string[];
  variants: { name: string; message: string; retryAvailable: boolean; relink: boolean }[];
  docs: string;
}

/** A catalog code, explained for an agent: what it is, what it means, whether to retry, the fix. */
export function explainCode(code: number, occurrence?: Occurrence): Explanation {
  const entry = catalogEntry(code);
  const base = entry.variants.default;
  return {
    code,
    title: entry.title,
    httpStatus: entry.http,
    meaning: MEANING[entry.scope],
    message: base.message,
    retry: retryAdvice(entry, occurrence),
    remedy: entry.remedy,
    relink: occurrence?.relink ?? base.relink === true,
    platforms: entry.platforms ?? [],
    variants: Object.entries(entry.variants).map(([name, v]) => ({
      name,
      message: v.message,
      retryAvailable: v.retryAvailable === true,
      relink: v.relink === true,
    })),
    docs: `docs/errors.md#${code}`,
  };
}

/** One line per code: "440 Network could not download the media: retry? no: ...". */
export function explainLine(code: number, occurrence?: Occurrence, platform?: string): string {
  const { title, retry, remedy } = explainCode(code, occurrence);
  return `${code}${platform ? ` (${platform})` : ''} ${title}: ${retry.line}. Remedy: ${remedy}`;
}

interface Found {
  code: number;
  platform?: string;
  occurrence: Occurrence;
}

/**
 * Every catalog error or warning in an answer, wherever it sits: a top-level body, the
 * envelope's errors[] and warnings[], a network's part of an analytics answer. An object is
 * one when it carries a catalog `code` and a `message` (what buildErrorBody always writes).
 */
export function catalogErrorsIn(body: unknown): Found[] {
  const found: Found[] = [];
  const seen = new Set<string>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > 6 || typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const record = value as Record<string, unknown>;
    const { code, message, platform } = record;
    if (typeof code === 'number' && typeof message === 'string' && hasCode(code)) {
      const key = `${code}/${typeof platform === 'string' ? platform : ''}`;
      if (!seen.has(key)) {
        seen.add(key);
        found.push({
          code,
          ...(typeof platform === 'string' ? { platform } : {}),
          occurrence: {
            ...(typeof record.retryAvailable === 'boolean' ? { retryAvailable: record.retryAvailable } : {}),
            ...(typeof record.relink === 'boolean' ? { relink: record.relink } : {}),
            ...(typeof record.details === 'string' ? { details: record.details } : {}),
          },
        });
      }
    }
    for (const child of Object.values(record)) visit(child, depth + 1);
  };
  visit(body, 0);
  return found;
}
