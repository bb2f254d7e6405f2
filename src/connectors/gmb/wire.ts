import { isZeroQuota } from '../shared/google-quota.ts';
import { isObject, type NetworkFailure } from '../shared/wire.ts';

export { isObject, type NetworkFailure, networkFailure, readJson } from '../shared/wire.ts';

/**
 * Google's error answers as data (platform-apis.md §14): the standard
 * `{error: {code, message, status, details}}`, or the token endpoint's flat OAuth
 * error `{error, error_description}`. The client never throws for an answer.
 */

const VALIDATION_ERROR = 'type.googleapis.com/google.mybusiness.v4.ValidationError';

export interface FieldProblem {
  field: string;
  message: string;
}

export interface GoogleError {
  kind: 'google';
  status: number;
  /** Google's canonical status name (`INVALID_ARGUMENT`, `RESOURCE_EXHAUSTED`). */
  grpcStatus?: string;
  /** The token endpoint's OAuth error (`invalid_grant`, `invalid_client`). */
  oauthError?: string;
  message: string;
  /** ValidationError details: which fields Google refused. */
  fields: FieldProblem[];
  /**
   * An ErrorInfo whose `metadata.quota_limit_value` is "0": the project was never
   * granted quota (Business Profile API access not approved), not that it spent it.
   */
  zeroQuota: boolean;
}

export type GmbFailure = GoogleError | NetworkFailure;
export type GmbResult<T> = { ok: true; value: T } | { ok: false; failure: GmbFailure };

function fieldsOf(details: unknown[]): FieldProblem[] {
  const found: FieldProblem[] = [];
  for (const detail of details) {
    if (!isObject(detail) || detail['@type'] !== VALIDATION_ERROR) continue;
    const items = Array.isArray(detail.errorDetails) ? detail.errorDetails : [];
    for (const item of items) {
      if (!isObject(item)) continue;
      const field = typeof item.field === 'string' ? item.field : '';
      const message = typeof item.message === 'string' ? item.message : '';
      if (field || message) found.push({ field, message });
    }
  }
  return found;
}

export function googleErrorOf(status: number, body: unknown, fallback: string): GoogleError {
  const error: GoogleError = { kind: 'google', status, message: fallback, fields: [], zeroQuota: false };
  if (!isObject(body)) return error;
  if (typeof body.error === 'string') {
    error.oauthError = body.error;
    if (typeof body.error_description === 'string') error.message = body.error_description;
    return error;
  }
  if (!isObject(body.error)) return error;
  const { message, status: grpcStatus, details } = body.error;
  if (typeof message === 'string') error.message = message;
  if (typeof grpcStatus === 'string') error.grpcStatus = grpcStatus;
  const list = Array.isArray(details) ? details : [];
  error.fields = fieldsOf(list);
  error.zeroQuota = isZeroQuota(list);
  return error;
}
