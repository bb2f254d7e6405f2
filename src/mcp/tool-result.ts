import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Reply } from '../app/post-responses.ts';
import { buildErrorBody, type ErrorSpec, httpStatusOf } from '../errors/build.ts';
import { catalogErrorsIn, explainLine } from './explain-error.ts';

/** A failure as an answer: HTTP 4xx/5xx, or a body whose status is "error" (a network failed). */
export function failed(reply: Reply): boolean {
  return reply.status >= 400 || reply.body.status === 'error';
}

/**
 * A REST answer as a tool result. The agent reads `content`: a first line saying what
 * happened, one line per catalog code in the answer (what it is, whether to retry and when,
 * the remedy: an agent should not need a second call to decide), then the body as JSON.
 * `structuredContent` carries the same for programs. A failure is `isError`, as MCP asks
 * for errors the model should see and act on.
 */
export function toolResult(reply: Reply, headline?: string): CallToolResult {
  const isError = failed(reply);
  const errors = catalogErrorsIn(reply.body).map((found) => ({
    code: found.code,
    ...(found.platform ? { platform: found.platform } : {}),
    explanation: explainLine(found.code, found.occurrence, found.platform),
  }));
  const lines = [
    headline ?? (isError ? `Failed (HTTP ${reply.status}).` : `Done (HTTP ${reply.status}).`),
    ...(errors.length > 0 ? ['Codes in this answer:', ...errors.map((e) => `- ${e.explanation}`)] : []),
    JSON.stringify(reply.body, null, 2),
  ];
  return {
    content: [{ type: 'text', text: lines.join('\n') }],
    structuredContent: { httpStatus: reply.status, response: reply.body, errors },
    isError,
  };
}

/** A catalog error found before any call (a tool's arguments did not pass the route's schema). */
export function refusedResult(spec: ErrorSpec, lang: string | undefined): CallToolResult {
  return toolResult(
    { status: httpStatusOf(spec.code), body: buildErrorBody(spec, lang) },
    'Refused before anything was sent: fix the arguments.',
  );
}
