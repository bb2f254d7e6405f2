import { ERRORS } from '@tus/server';
import type { ErrorSpec } from '../../errors/build.ts';
import { HeraldError } from '../../errors/herald-error.ts';

/**
 * What each refusal of @tus/server is in Herald's catalog. The table is keyed by tus's own
 * error objects (its structured codes, never its message text); each keeps the HTTP status the
 * tus 1.0 protocol gives it, which tus clients act on (409: ask HEAD and resume; 404/410: start over).
 */
type TusErrorName = keyof typeof ERRORS;

const BY_TUS_ERROR: Partial<Record<TusErrorName, (uploadId: string, maxBytes: number) => ErrorSpec>> = {
  MISSING_OFFSET: () => ({ code: 639, params: { header: 'Upload-Offset' } }),
  INVALID_CONTENT_TYPE: () => ({
    code: 639,
    params: { header: 'Content-Type: application/offset+octet-stream' },
  }),
  INVALID_LENGTH: () => ({
    code: 638,
    params: { problem: 'Upload-Length is required when an upload starts' },
  }),
  INVALID_METADATA: () => ({
    code: 638,
    params: {
      problem: 'Upload-Metadata must be comma-separated pairs of a key and its base64 value, each key once',
    },
  }),
  INVALID_TERMINATION: () => ({
    code: 638,
    params: { problem: 'the upload is complete, so it can no longer be abandoned' },
  }),
  ABORTED: () => ({
    code: 638,
    params: { problem: 'another request for this upload took it over while this one was sending' },
  }),
  FILE_NOT_FOUND: (uploadId) => ({ code: 607, params: { what: `Upload ${uploadId}` } }),
  INVALID_OFFSET: () => ({ code: 641 }),
  FILE_NO_LONGER_EXISTS: () => ({ code: 642 }),
  ERR_SIZE_EXCEEDED: () => ({ code: 643 }),
  ERR_MAX_SIZE_EXCEEDED: (_id, maxBytes) => ({ code: 691, params: { limit: maxBytes } }),
  UNSUPPORTED_CONCATENATION_EXTENSION: () => ({ code: 644, params: { extension: 'concatenation' } }),
  UNSUPPORTED_CREATION_DEFER_LENGTH_EXTENSION: () => ({
    code: 644,
    params: { extension: 'creation-defer-length' },
  }),
  UNSUPPORTED_EXPIRATION_EXTENSION: () => ({ code: 644, params: { extension: 'expiration' } }),
};

/**
 * Refusals @tus/server writes before any handler runs, without an error object: known by
 * their status alone (the only 412 is a missing Tus-Resumable; the only 400 a header that
 * fails tus's header rules; the only 404 a method it has no handler for).
 */
const BY_STATUS: Record<number, (uploadId: string) => ErrorSpec> = {
  412: () => ({ code: 637 }),
  400: () => ({
    code: 638,
    params: {
      problem:
        'a tus header is not valid (Tus-Resumable is 1.0.0, Upload-Offset and Upload-Length are whole numbers of bytes, Upload-Metadata is pairs of a key and a base64 value)',
    },
  }),
  404: (uploadId) => ({ code: 607, params: { what: uploadId ? `Upload ${uploadId}` : 'This tus address' } }),
};

export interface TusRefusal {
  spec: ErrorSpec;
  /** Unexpected: its cause goes to the log (the caller sees 612 with the request id). */
  unexpected: boolean;
  cause?: unknown;
}

/**
 * The catalog spec of a tus answer with an error status: from the error @tus/server handed
 * its onResponseError hook when there was one (tus's own, or one Herald's hooks threw), else
 * from the status of a refusal tus wrote itself.
 */
export function tusRefusal(
  error: unknown,
  status: number,
  context: { uploadId: string; maxBytes: number; requestId: string },
): TusRefusal {
  if (error instanceof HeraldError) return { spec: error.spec, unexpected: false };
  if (error !== undefined) {
    const name = (Object.keys(ERRORS) as TusErrorName[]).find((key) => ERRORS[key] === error);
    const known = name ? BY_TUS_ERROR[name] : undefined;
    if (known) return { spec: known(context.uploadId, context.maxBytes), unexpected: false };
  } else {
    const known = BY_STATUS[status];
    if (known) return { spec: known(context.uploadId), unexpected: false };
  }
  return {
    spec: { code: 612, params: { requestId: context.requestId } },
    unexpected: true,
    cause: error ?? `@tus/server answered ${status}`,
  };
}
