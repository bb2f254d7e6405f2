import type { GraphError } from './graph-client.ts';

/**
 * Builds the Graph error answers the error-table tests feed their tables: only the
 * structured fields matter; the message is deliberately misleading so a table that
 * read it would fail.
 */
export function graphAnswer(
  status: number,
  code?: number,
  subcode?: number,
  extra: { headers?: Record<string, string>; userTitle?: string; userMsg?: string } = {},
): GraphError {
  const error: GraphError['error'] = { message: 'Rate limit reached: session expired, duplicate (#506)' };
  if (code !== undefined) error.code = code;
  if (subcode !== undefined) error.subcode = subcode;
  if (extra.userTitle !== undefined) error.userTitle = extra.userTitle;
  if (extra.userMsg !== undefined) error.userMsg = extra.userMsg;
  return { kind: 'graph', status, error, headers: new Headers(extra.headers ?? {}) };
}
