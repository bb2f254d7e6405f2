import { CATALOG, catalogEntry } from '../errors/catalog/index.ts';
import { type RetryAnswer, retryAdvice } from './retry-advice.ts';

const GROUPS: readonly { answer: RetryAnswer; heading: string }[] = [
  { answer: 'yes', heading: 'retry (transient)' },
  { answer: 'after a wait', heading: 'wait (Retry-After in details when given), then retry' },
  { answer: 'after relinking', heading: 'relink the account, then retry' },
  { answer: 'no', heading: 'do not retry unchanged: fix what the remedy says' },
];

/** Codes a network can fail a post with (and the warnings of a post that went out). */
export const NETWORK_CODES: readonly number[] = CATALOG.filter(
  (entry) => entry.scope === 'network' || entry.scope === 'warning',
).map((entry) => entry.code);

/** Codes of the analytics answers. */
export const ANALYTICS_CODES: readonly number[] = CATALOG.filter((entry) => entry.scope === 'analytics').map(
  (entry) => entry.code,
);

/**
 * The codes a tool answers, grouped by whether to retry (derived from each catalog entry,
 * retry-advice.ts), each with its title: what a tool description tells an agent up front.
 */
export function errorGuide(codes: readonly number[]): string {
  const entries = [...new Set(codes)].sort((a, b) => a - b).map((code) => catalogEntry(code));
  const lines = GROUPS.map(({ answer, heading }) => {
    const inGroup = entries.filter((entry) => retryAdvice(entry).retry === answer);
    return inGroup.length === 0
      ? undefined
      : `- ${heading}: ${inGroup.map((entry) => `${entry.code} ${entry.title}`).join('; ')}.`;
  }).filter((line) => line !== undefined);
  return [
    'Errors: a failure is an error result whose text explains each catalog code in it (what it means, whether and when to retry, the remedy); explain_error explains any code. Codes:',
    ...lines,
  ].join('\n');
}
