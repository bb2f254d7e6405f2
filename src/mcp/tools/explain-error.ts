import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { type Static, Type } from 'typebox';
import { hasCode } from '../../errors/catalog/index.ts';
import { explainCode } from '../explain-error.ts';
import { refusedResult } from '../tool-result.ts';
import { defineTool } from './define.ts';

// The one tool without a route of its own: GET /api/errors serves the whole catalog.
const ExplainArgs = Type.Object({
  code: Type.Integer({
    minimum: 0,
    maximum: 9999,
    description: 'A Herald error code, as in an error’s "code" (e.g. 440).',
  }),
});

export const explainErrorTool = defineTool<Static<typeof ExplainArgs>>({
  name: 'explain_error',
  title: 'Explain an error code',
  schema: ExplainArgs,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  description:
    'What a Herald error code means, from the error catalog: its title, HTTP status, message, what it means for the request (whole request refused, or one network failed while the others kept their result), whether to retry (yes, no, after a wait, after relinking the account), the remedy, and its variants. Every failing tool result already explains its codes; use this for a code met elsewhere (a webhook, a log).',
  async run({ code }, { lang }): Promise<CallToolResult> {
    if (!hasCode(code)) return refusedResult({ code: 607, params: { what: `Error code ${code}` } }, lang);
    const explanation = explainCode(code);
    const text = [
      `${code} ${explanation.title} (HTTP ${explanation.httpStatus})`,
      `Meaning: ${explanation.meaning}`,
      `Message: ${explanation.message}`,
      `${explanation.retry.line}.`,
      `Remedy: ${explanation.remedy}`,
      JSON.stringify(explanation, null, 2),
    ].join('\n');
    return { content: [{ type: 'text', text }], structuredContent: { ...explanation } };
  },
});
