import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { Backend } from './backend.ts';
import type { JsonSchema } from './tool-input.ts';

/** What a tool's run receives besides its checked arguments. */
export interface ToolContext {
  backend: Backend;
  /** The language of catalog messages (the /mcp request's Translate-Error-Message). */
  lang: string | undefined;
}

/**
 * One MCP tool: one Herald operation. `inputSchema` is what tools/list shows; `checks` is the
 * route's own schema the arguments must pass (after `prepare`) before `run` is called.
 */
export interface Tool {
  name: string;
  title: string;
  description: string;
  inputSchema: JsonSchema;
  checks: JsonSchema;
  annotations: ToolAnnotations;
  prepare?: (args: Record<string, unknown>) => Record<string, unknown>;
  run: (args: Record<string, unknown>, context: ToolContext) => Promise<CallToolResult>;
}
