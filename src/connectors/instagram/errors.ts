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
 * Instagram's errors by Meta `code` / `error_subcode` (and HTTP status where Meta has no
 * code), most specific first. The same table reads an error answer and a container whose
 * status is ERROR: a container gives a subcode only, never a code, so rows that name a
 * code (9004/2207052 → 440, -2/2207003 → 436) only ever match an error answer.
 */
export const INSTAGRAM_ERRORS: readonly ErrorRow[] = [
  ...META_IDENTITY_ROWS,
  {
    when: { subcode: 2207085 },
    maps: { code: 258, variant: 'relink' },
    note: 'Seed: subcode 2207085 asks for a relink granting all permissions, then a retry.',
  },
  {
    when: { code: 190 },
    maps: { code: 623 },
    note: 'Access token expired, revoked or invalid (any subcode).',
  },
  { when: { code: 102 }, maps: { code: 623 }, note: 'API session invalid: the login must be renewed.' },
  {
    when: { status: 429 },
    maps: { code: 435 },
    retry: 'after-reset',
    note: 'HTTP 429 from the publish endpoint.',
  },
  {
    when: { subcode: 1390008 },
    maps: { code: 435 },
    retry: 'after-reset',
    note: '368/1390008: posting too fast, a temporary throttle.',
  },
  {
    when: { code: 9, subcode: 2207042 },
    maps: { code: 435 },
    retry: 'after-reset',
    note: 'Content Publishing API limit (quota_total posts per 24 h) reached at media_publish.',
  },
  {
    when: { subcode: 2207050 },
    maps: { code: 258 },
    note: '25/2207050: the account is restricted or checkpointed.',
  },
  {
    when: { subcode: 2207051 },
    maps: { code: 258 },
    note: '4/2207051: activity restricted (suspected spam).',
  },
  { when: { subcode: 2207081 }, maps: { code: 258 }, note: 'The account cannot publish trial reels.' },
  {
    when: { code: 10 },
    maps: { code: 258, variant: 'relink' },
    note: 'Permission not granted (instagram_content_publish): relink granting all permissions.',
  },
  {
    when: { code: 200 },
    maps: { code: 258, variant: 'relink' },
    note: '(#200) permission error: relink granting all permissions.',
  },
  {
    when: { code: 9004, subcode: 2207052 },
    maps: { code: 440 },
    note: 'Meta’s crawler could not download the media: the specific answer, with Meta’s words.',
  },
  {
    when: { code: -2, subcode: 2207003 },
    maps: { code: 436 },
    note: 'Meta took too long to download or process the media (timeout answer).',
  },
  {
    when: { subcode: 2207052 },
    maps: { code: 138, variant: 'mediaFetch' },
    note: 'A container in ERROR with the download subcode: less specific than the 9004 answer.',
  },
  {
    when: { subcode: 2207077 },
    maps: { code: 138, variant: 'mediaFetch' },
    note: 'Video download failed (the crawler was refused or timed out).',
  },
  {
    when: { subcode: 2207003 },
    maps: { code: 138, variant: 'mediaFetch' },
    note: 'A container in ERROR because the download timed out.',
  },
  {
    when: { code: 9004 },
    maps: { code: 138, variant: 'mediaFetch' },
    note: 'Other media-fetch failures (9004).',
  },
  {
    when: { subcode: 2207009 },
    maps: { code: 138, variant: 'aspectRatio' },
    note: '36003/2207009: aspect ratio outside 4:5 to 1.91:1; the ratio is named when known.',
  },
  {
    when: { subcode: 2207027 },
    maps: { code: 436 },
    note: '9007/2207027: the media is still not ready to publish.',
  },
  {
    when: { subcode: 2207020 },
    maps: { code: 625 },
    retry: 'backoff',
    note: 'Container expired: a new one is made.',
  },
  {
    when: { subcode: 2207008 },
    maps: { code: 625 },
    retry: 'backoff',
    note: 'Container gone: a new one is made.',
  },
  {
    when: { subcode: 2207032 },
    maps: { code: 625 },
    retry: 'backoff',
    note: 'Create media failed: recreate.',
  },
  {
    when: { subcode: 2207053 },
    maps: { code: 625 },
    retry: 'backoff',
    note: 'Unknown upload error: recreate.',
  },
  { when: { subcode: 2207001 }, maps: { code: 625 }, retry: 'backoff', note: 'Instagram server error.' },
  { when: { code: 4 }, maps: { code: 435 }, retry: 'after-reset', note: 'Application request limit.' },
  { when: { code: 17 }, maps: { code: 435 }, retry: 'after-reset', note: 'User request limit.' },
  { when: { code: 32 }, maps: { code: 435 }, retry: 'after-reset', note: 'Page request limit.' },
  { when: { code: 613 }, maps: { code: 435 }, retry: 'after-reset', note: 'Custom rate limit.' },
  { when: { code: 80002 }, maps: { code: 435 }, retry: 'after-reset', note: 'Instagram BUC rate limit.' },
  ...META_TRANSIENT_ROWS,
  {
    when: {},
    maps: { code: 138 },
    note: 'Anything else (format, size, caption...): Instagram’s generic error, Meta’s words in details.',
  },
];

export const PLATFORM_NAME = 'Instagram';

/** Subcodes after which the container can never be published: a retry makes a new one. */
export const STALE_CONTAINER_SUBCODES: ReadonlySet<number> = new Set([2207020, 2207008, 2207032, 2207053]);

/** Codes whose seed bodies carry Meta's words in `details`; the others print none. */
const WITH_WORDS: ReadonlySet<string> = new Set([
  '440',
  '138.default',
  '138.mediaFetch',
  '621',
  '623',
  '625',
]);

function wordsKey(spec: Pick<ErrorSpec, 'code' | 'variant'>): string {
  return spec.code === 138 ? `138.${spec.variant ?? 'default'}` : String(spec.code);
}

/** The catalog spec of a row (or a fallback code), with Meta's words where the seed body has details. */
export function instagramSpec(maps: Omit<ErrorSpec, 'platform'>, words: string | undefined): ErrorSpec {
  const spec: ErrorSpec = { ...maps, platform: 'instagram', params: { platformName: PLATFORM_NAME } };
  if (words && WITH_WORDS.has(wordsKey(maps))) spec.details = words;
  return spec;
}

function rowOf(signal: ErrorSignal): ErrorRow {
  const row = classify(INSTAGRAM_ERRORS, signal);
  if (!row) throw new Error('instagram error table has no catch-all row');
  return row;
}

/** An error answer from the Graph API. */
export function classifyAnswer(failure: GraphError): MetaClassified {
  const signal = signalOf(failure);
  const row = rowOf(signal);
  const words = metaWords(failure.error);
  return { row, spec: instagramSpec(row.maps, words), signal, words };
}

/** A container whose status is ERROR: only the subcode in its status string is structured. */
export function classifyContainer(status: ContainerStatus): MetaClassified {
  const signal: ErrorSignal = { status: 200 };
  if (status.subcode !== undefined) signal.subcode = status.subcode;
  const row = rowOf(signal);
  return { row, spec: instagramSpec(row.maps, status.text), signal, words: status.text };
}
