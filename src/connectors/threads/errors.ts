import type { ErrorSpec } from '../../errors/build.ts';
import { classify } from '../shared/error-table.ts';
import type { GraphError } from '../shared/graph-client.ts';
import type { ContainerStatus } from '../shared/graph-container.ts';
import {
  META_IDENTITY_ROWS,
  META_TRANSIENT_ROWS,
  type MetaClassified,
  metaWords,
  signalOf,
} from '../shared/graph-errors.ts';
import type { ErrorRow, ErrorSignal } from '../types.ts';

/**
 * Threads' errors (Graph format) by `code` / `error_subcode`, most specific first. Every
 * publishing failure that is not about the account, the token or a limit is the seed's
 * 379, without details: the Threads API gives none, and the core then names a
 * co-occurring Instagram media-fetch failure instead (src/posts/envelope.ts).
 */
export const THREADS_ERRORS: readonly ErrorRow[] = [
  ...META_IDENTITY_ROWS,
  {
    when: { code: 190 },
    maps: { code: 623 },
    note: 'Access token expired, revoked or invalid (any subcode): relink. Never renewed on the spot: th_refresh_token only extends a long-lived token that has not expired (Meta’s docs); the refresh job extends it before then.',
  },
  { when: { code: 102 }, maps: { code: 623 }, note: 'API session invalid: the login must be renewed.' },
  { when: { code: 10 }, maps: { code: 623 }, note: 'Permission not granted (threads_content_publish).' },
  { when: { code: 200 }, maps: { code: 623 }, note: '(#200) permission error.' },
  { when: { subcode: 2207051 }, maps: { code: 627 }, note: 'Activity restricted to protect the community.' },
  { when: { subcode: 4279013 }, maps: { code: 627 }, note: 'The Threads user is restricted.' },
  { when: { status: 429 }, maps: { code: 624 }, retry: 'after-reset', note: 'HTTP 429.' },
  { when: { subcode: 1390008 }, maps: { code: 624 }, retry: 'after-reset', note: 'Posting too fast.' },
  { when: { code: 4 }, maps: { code: 624 }, retry: 'after-reset', note: 'Application request limit.' },
  { when: { code: 17 }, maps: { code: 624 }, retry: 'after-reset', note: 'User request limit.' },
  { when: { code: 32 }, maps: { code: 624 }, retry: 'after-reset', note: 'Request limit of the account.' },
  { when: { code: 613 }, maps: { code: 624 }, retry: 'after-reset', note: 'Custom rate limit.' },
  ...META_TRANSIENT_ROWS,
  {
    when: {},
    maps: { code: 379 },
    note: 'Any other publishing failure (media fetch, format, text): the seed’s 379, no details.',
  },
];

export const PLATFORM_NAME = 'Threads';

/** [?] Threads runs on Instagram's media stack; these mean the container can never be published. */
export const STALE_CONTAINER_SUBCODES: ReadonlySet<number> = new Set([2207020, 2207008]);

/** Herald's own codes carry Meta's words; 379 never does (see above). */
const WITH_WORDS: ReadonlySet<number> = new Set([621, 623, 625, 627]);

export function threadsSpec(maps: Omit<ErrorSpec, 'platform'>, words: string | undefined): ErrorSpec {
  const spec: ErrorSpec = { ...maps, platform: 'threads', params: { platformName: PLATFORM_NAME } };
  if (words && WITH_WORDS.has(maps.code)) spec.details = words;
  return spec;
}

function rowOf(signal: ErrorSignal): ErrorRow {
  const row = classify(THREADS_ERRORS, signal);
  if (!row) throw new Error('threads error table has no catch-all row');
  return row;
}

export function classifyAnswer(failure: GraphError): MetaClassified {
  const signal = signalOf(failure);
  const row = rowOf(signal);
  const words = metaWords(failure.error);
  return { row, spec: threadsSpec(row.maps, words), signal, words };
}

/** A container in ERROR: its `error_message` (FAILED_DOWNLOADING_VIDEO, ...) is an enum without a code. */
export function classifyContainer(status: ContainerStatus): MetaClassified {
  const signal: ErrorSignal = { status: 200 };
  const row = rowOf(signal);
  return { row, spec: threadsSpec(row.maps, status.text), signal, words: status.text };
}
