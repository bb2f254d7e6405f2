import type { ErrorSpec } from '../../errors/build.ts';
import { classify } from '../shared/error-table.ts';
import type { GraphError } from '../shared/graph-client.ts';
import {
  META_IDENTITY_ROWS,
  META_TRANSIENT_ROWS,
  type MetaClassified,
  metaWords,
  signalOf,
} from '../shared/graph-errors.ts';
import type { ErrorRow } from '../types.ts';

const relink = (subcode: number, meaning: string): ErrorRow => ({
  when: { code: 190, subcode },
  maps: { code: 161 },
  note: `190/${subcode}: ${meaning}.`,
});

/**
 * Facebook Page publishing errors by `code` / `error_subcode`, most specific first. An
 * authorization failure is the seed's 161 (relink); identity verification is 326 and
 * never a relink; a throttle is a rate limit (80001 here is the publishing side: the
 * analytics answer 444 has its own table, analytics-errors.ts).
 */
export const FACEBOOK_ERRORS: readonly ErrorRow[] = [
  ...META_IDENTITY_ROWS,
  { when: { code: 506 }, maps: { code: 107 }, note: '(#506) Duplicate status message.' },
  { when: { subcode: 1366051 }, maps: { code: 107 }, note: 'These photos were already posted.' },
  relink(458, 'the user removed the app'),
  relink(459, 'the user is checkpointed and must log in on facebook.com'),
  relink(460, 'the password changed, the session was invalidated'),
  relink(463, 'the token expired'),
  relink(464, 'the user is unconfirmed'),
  relink(467, 'the token is invalid'),
  relink(492, 'invalid session (the user lost the Page role)'),
  { when: { code: 190 }, maps: { code: 161 }, note: 'Access token invalid or expired (any other subcode).' },
  { when: { code: 102 }, maps: { code: 161 }, note: 'API session invalid.' },
  { when: { code: 10 }, maps: { code: 161 }, note: 'Permission not granted.' },
  { when: { code: 200 }, maps: { code: 161 }, note: '(#200) e.g. Requires pages_manage_posts.' },
  {
    when: { code: 100, subcode: 33 },
    maps: { code: 161 },
    note: 'The Page cannot be reached with this token (missing permission or role).',
  },
  {
    when: { subcode: 1390008 },
    maps: { code: 624 },
    retry: 'after-reset',
    note: '368/1390008: posting too fast.',
  },
  { when: { subcode: 1346003 }, maps: { code: 622 }, note: '368/1346003: content flagged as abusive.' },
  { when: { subcode: 1404102 }, maps: { code: 622 }, note: '368/1404102: violates Community Standards.' },
  { when: { subcode: 1404006 }, maps: { code: 627 }, note: 'A security check is required.' },
  { when: { subcode: 1404112 }, maps: { code: 627 }, note: 'The account has limited access for a few days.' },
  { when: { code: 368 }, maps: { code: 627 }, note: 'Temporarily blocked for policy violations.' },
  { when: { code: 4 }, maps: { code: 624 }, retry: 'after-reset', note: 'Application request limit.' },
  { when: { code: 17 }, maps: { code: 624 }, retry: 'after-reset', note: 'User request limit.' },
  { when: { code: 32 }, maps: { code: 624 }, retry: 'after-reset', note: 'Page request limit.' },
  { when: { code: 341 }, maps: { code: 624 }, retry: 'after-reset', note: 'Feed action request limit.' },
  { when: { code: 613 }, maps: { code: 624 }, retry: 'after-reset', note: 'Custom rate limit.' },
  {
    when: { code: 80001 },
    maps: { code: 624 },
    retry: 'after-reset',
    note: 'Pages BUC limit, when publishing.',
  },
  { when: { subcode: 1366046 }, maps: { code: 622 }, note: 'Photo too large or of a refused format.' },
  { when: { code: 1609005 }, maps: { code: 622 }, note: 'The link could not be fetched for its preview.' },
  { when: { subcode: 1609008 }, maps: { code: 622 }, note: 'facebook.com links cannot be posted.' },
  { when: { subcode: 2061006 }, maps: { code: 622 }, note: 'An invalid URL in the content.' },
  {
    when: { subcode: 1363047 },
    maps: { code: 625 },
    retry: 'backoff',
    note: 'Service temporarily unavailable.',
  },
  {
    when: { subcode: 1609010 },
    maps: { code: 625 },
    retry: 'backoff',
    note: 'Service temporarily unavailable.',
  },
  ...META_TRANSIENT_ROWS,
  { when: { code: 100 }, maps: { code: 622 }, note: 'Invalid parameter (Meta’s words in details).' },
  { when: {}, maps: { code: 621 }, note: 'Anything else: Meta’s words go to details for a new row.' },
];

export const PLATFORM_NAME = 'Facebook';

/** The seed's Facebook bodies (107, 161, 326) print no details; Herald's own codes carry Meta's words. */
const WITH_WORDS: ReadonlySet<number> = new Set([621, 622, 625, 627]);

export function facebookSpec(maps: Omit<ErrorSpec, 'platform'>, words: string | undefined): ErrorSpec {
  const spec: ErrorSpec = { ...maps, platform: 'facebook', params: { platformName: PLATFORM_NAME } };
  if (words && WITH_WORDS.has(maps.code)) spec.details = words;
  return spec;
}

export function classifyAnswer(failure: GraphError): MetaClassified {
  const signal = signalOf(failure);
  const row = classify(FACEBOOK_ERRORS, signal);
  if (!row) throw new Error('facebook error table has no catch-all row');
  const words = metaWords(failure.error);
  return { row, spec: facebookSpec(row.maps, words), signal, words };
}
