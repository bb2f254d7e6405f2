import { isObject } from './wire.ts';

const ERROR_INFO = 'type.googleapis.com/google.rpc.ErrorInfo';

/**
 * Whether a Google error's `details` hold an ErrorInfo whose `metadata.quota_limit_value`
 * is "0": the Cloud project was never granted quota for the API (it is not approved for
 * it: Business Profile, YouTube audits), not that it spent it. Waiting cannot help.
 * Google sends the limit as a string; a number is read the same way.
 */
export function isZeroQuota(details: unknown): boolean {
  return (
    Array.isArray(details) &&
    details.some(
      (detail) =>
        isObject(detail) &&
        detail['@type'] === ERROR_INFO &&
        isObject(detail.metadata) &&
        String(detail.metadata.quota_limit_value) === '0',
    )
  );
}
