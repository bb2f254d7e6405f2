import type { HistoryFilters } from '../../app/post-history.ts';
import { HistoryQuery } from '../../http/schemas/history.ts';
import { errorGuide } from '../error-guide.ts';
import { integerArguments, toolSchema } from '../tool-input.ts';
import { toolResult } from '../tool-result.ts';
import { defineTool } from './define.ts';

// Limits are digit strings in a query; a tool takes them as integers and maps them back.
const asIntegers = integerArguments(toolSchema(HistoryQuery));

export const historyTool = defineTool<HistoryFilters>({
  name: 'history',
  title: 'List posts',
  schema: HistoryQuery,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  description: `This profile's posts made through Herald, newest first (the last 30 days and 25 posts unless lastDays and limit say otherwise), each with its status, text, networks, errors[] (each failed network with its code) and postIds (each published network's id and postUrl). Filter by status, type (immediate or scheduled) or platform. Only this profile's posts are ever listed.
${errorGuide([604, 605, 631])}`,
  listed: () => asIntegers.schema,
  prepare: asIntegers.toQuery,
  async run(args, { backend }) {
    const reply = await backend.history(args);
    const history = reply.body.history;
    return toolResult(reply, Array.isArray(history) ? `${history.length} post(s).` : undefined);
  },
});
