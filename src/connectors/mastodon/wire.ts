import { isObject, type NetworkFailure } from '../shared/wire.ts';

export { isObject, type NetworkFailure, networkFailure, readJson } from '../shared/wire.ts';

/**
 * What any answer (or its absence) from a Mastodon instance looks like to the
 * connector. The client never throws for an instance's answer: failures are data.
 */

/** The instance answered with an error status: its Error entity `{error, error_description?}`. */
export interface MastodonError {
  kind: 'mastodon';
  status: number;
  /** The `error` text, for details only: the status alone classifies (the text is localised). */
  message: string;
  headers: Headers;
}

/** Herald refused the instance's address before connecting (SSRF guard): nothing left. */
export interface RefusedFailure {
  kind: 'refused';
  reason: string;
}

export type MastodonFailure = MastodonError | NetworkFailure | RefusedFailure;
export type MastodonResult<T> =
  | { ok: true; value: T; status: number; headers: Headers }
  | { ok: false; failure: MastodonFailure };

export function errorOf(status: number, body: unknown, headers: Headers, fallback: string): MastodonError {
  const error: MastodonError = { kind: 'mastodon', status, message: fallback, headers };
  if (!isObject(body) || typeof body.error !== 'string') return error;
  const description = typeof body.error_description === 'string' ? `: ${body.error_description}` : '';
  error.message = `${body.error}${description}`;
  return error;
}
