import { createRequire } from 'node:module';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
} from '@modelcontextprotocol/sdk/types.js';
import { HeraldUnreachable } from './remote-backend.ts';
import type { ToolContext } from './tool.ts';
import { argumentChecker } from './tool-input.ts';
import { refusedResult } from './tool-result.ts';
import { TOOLS } from './tools/index.ts';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

const INSTRUCTIONS = `Herald publishes posts to social networks (X, Facebook, Instagram, Threads, LinkedIn, YouTube, TikTok, Reddit, Pinterest, Bluesky, Mastodon, Telegram, Google Business Profile) through the accounts linked to this profile, and reports each network's outcome with a catalog error code.
Typical use: list_accounts (the platforms this profile can post to) -> post (it validates first; validate_post is the same check alone) -> read the answer: each failed network has a code with advice on whether and when to retry -> retry_post re-sends only the failed networks (never one that published) -> get_post follows a pending or scheduled post. history lists posts, verify_media diagnoses media the networks cannot fetch, analytics_post and analytics_social read metrics, explain_error explains any code.`;

const CHECKS = new Map(TOOLS.map((tool) => [tool.name, argumentChecker(tool.checks)]));
const LISTED = TOOLS.map(({ name, title, description, inputSchema, annotations }) => ({
  name,
  title,
  description,
  inputSchema,
  annotations,
}));

async function callTool(
  name: string,
  given: Record<string, unknown>,
  context: ToolContext,
): Promise<CallToolResult> {
  const tool = TOOLS.find((t) => t.name === name);
  const check = CHECKS.get(name);
  if (!tool || !check)
    throw new McpError(ErrorCode.InvalidParams, `No tool named ${name.slice(0, 100)}: tools/list names them`);
  const args = tool.prepare ? tool.prepare(given) : given;
  const refusal = check(args);
  if (refusal) return refusedResult(refusal, context.lang);
  try {
    return await tool.run(args, context);
  } catch (error) {
    // Herald itself could not be reached (herald mcp): the agent should know, not the protocol.
    if (error instanceof HeraldUnreachable)
      return { content: [{ type: 'text', text: error.message }], isError: true };
    throw error;
  }
}

/**
 * Herald's MCP server over one backend (in-process operations for /mcp, a running Herald
 * for `herald mcp`). The low-level Server, because it takes tool input schemas as plain
 * JSON Schema: the tools list the routes' own schemas instead of a Zod copy of them.
 */
export function buildMcpServer(context: ToolContext): Server {
  const server = new Server(
    { name: 'herald', title: 'Herald', version },
    { capabilities: { tools: {} }, instructions: INSTRUCTIONS },
  );
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: LISTED }));
  server.setRequestHandler(CallToolRequestSchema, async (request) =>
    callTool(request.params.name, request.params.arguments ?? {}, context),
  );
  return server;
}
