import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { clientConfig } from '../config/client-config.ts';
import type { Env } from '../config/env.ts';
import { remoteBackend } from '../mcp/remote-backend.ts';
import { buildMcpServer } from '../mcp/server.ts';

/**
 * `herald mcp`: Herald's MCP tools over stdio, for an agent that starts Herald's tools as a
 * command (Claude Desktop, Cursor, ...). Every tool calls a running Herald's REST API
 * (HERALD_URL) with HERALD_API_KEY (and HERALD_PROFILE_KEY), or the profile file's entry
 * (`--profile`): that Herald authenticates,
 * scopes to the profile and checks everything, as for any API client; this process holds
 * no database and no network token. stdout carries the protocol only: anything said to a
 * person goes to stderr. Answers when the client closes stdin.
 */
export async function mcp(
  env: Env,
  profile?: string,
  stdin = process.stdin,
  stdout = process.stdout,
): Promise<number> {
  const config = clientConfig(env, profile ? { profile } : {});
  const server = buildMcpServer({ backend: remoteBackend(config), lang: undefined });
  const closed = new Promise<void>((resolve) => {
    stdin.once('end', resolve);
    stdin.once('close', resolve);
  });
  await server.connect(new StdioServerTransport(stdin, stdout));
  process.stderr.write(`herald mcp: tools for ${config.url} over stdio\n`);
  await closed;
  await server.close();
  return 0;
}
