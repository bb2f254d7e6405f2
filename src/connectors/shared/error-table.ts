import type { ErrorSpec } from '../../errors/build.ts';
import type { ErrorRow, ErrorSignal, PublishOutcome } from '../types.ts';

function matches(row: ErrorRow, signal: ErrorSignal): boolean {
  const { status, code, subcode } = row.when;
  if (status !== undefined) {
    const statuses = typeof status === 'number' ? [status] : status;
    if (!statuses.includes(signal.status)) return false;
  }
  if (code !== undefined && String(code) !== String(signal.code)) return false;
  if (subcode !== undefined && String(subcode) !== String(signal.subcode)) return false;
  return true;
}

/**
 * The first row whose structured fields all match. Tables are ordered most specific
 * first; the last row should be a catch-all on status alone.
 */
export function classify(table: readonly ErrorRow[], signal: ErrorSignal): ErrorRow | undefined {
  return table.find((row) => matches(row, signal));
}

/** A classified failure (its catalog spec, and the wait before a retry when the row allows one) as an outcome. */
export function failedFrom(classified: {
  spec: ErrorSpec;
  retryAfterMs?: number | undefined;
}): PublishOutcome & { kind: 'failed' } {
  const { spec, retryAfterMs } = classified;
  return retryAfterMs === undefined
    ? { kind: 'failed', error: spec }
    : { kind: 'failed', error: spec, retryAfterMs };
}
