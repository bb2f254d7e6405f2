import { buildErrorBody, type ErrorSpec } from '../../errors/build.ts';
import { envelopeHttpStatus } from '../../posts/envelope.ts';
import type { Reply } from '../post-responses.ts';

/**
 * The answer of a comments call: each network that did it under its platform name, each
 * that did not in `errors[]` (catalog bodies). All failed: `{status: "error", errors}`,
 * exactly as seed 002 prints 288, with the errors' HTTP status.
 */
export function commentAnswer(
  head: Record<string, unknown>,
  done: Record<string, unknown>,
  errors: readonly ErrorSpec[],
  lang: string | undefined,
): Reply {
  const bodies = errors.map((e) => buildErrorBody(e, lang));
  if (Object.keys(done).length === 0 && errors.length > 0) {
    return {
      status: envelopeHttpStatus(errors.map((e) => e.code)),
      body: { status: 'error', errors: bodies },
    };
  }
  return {
    status: errors.length === 0 ? 200 : envelopeHttpStatus(errors.map((e) => e.code)),
    body: {
      status: errors.length === 0 ? 'success' : 'error',
      ...head,
      ...done,
      ...(errors.length > 0 ? { errors: bodies } : {}),
    },
  };
}
