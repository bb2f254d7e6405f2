import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { TSchema } from 'typebox';
import type { Tool, ToolContext } from '../tool.ts';
import { type JsonSchema, toolSchema } from '../tool-input.ts';

/**
 * A tool over a route's schema: tools/list shows it as JSON Schema (toolSchema), and the
 * arguments are checked against the same schema before `run`. `listed` changes how the
 * schema is shown (integerArguments) when `prepare` maps the arguments back.
 */
export function defineTool<Args>(spec: {
  name: string;
  title: string;
  description: string;
  schema: TSchema;
  annotations: ToolAnnotations;
  listed?: (schema: JsonSchema) => JsonSchema;
  prepare?: (args: Record<string, unknown>) => Record<string, unknown>;
  run: (args: Args, context: ToolContext) => Promise<CallToolResult>;
}): Tool {
  const checks = toolSchema(spec.schema);
  return {
    name: spec.name,
    title: spec.title,
    description: spec.description,
    inputSchema: spec.listed ? spec.listed(checks) : checks,
    checks,
    annotations: { title: spec.title, ...spec.annotations },
    ...(spec.prepare ? { prepare: spec.prepare } : {}),
    // The arguments passed `checks` (the route's schema) before run is called: they are Args.
    run: (args, context) => spec.run(args as Args, context),
  };
}
