import { readFileSync } from 'node:fs';

interface ServerEntry {
  command?: string;
  args?: string[];
  env?: Record<string, string>;
  type?: string;
  url?: string;
  headers?: Record<string, string>;
}

/**
 * The two MCP client configurations the README's "MCP server" section shows (a command, a
 * URL), with its placeholders replaced: what the tests connect with, so the README is what works.
 */
export function readmeMcpServers(values: { checkout: string; url: string; apiKey: string }): {
  command: Required<Pick<ServerEntry, 'command' | 'args' | 'env'>>;
  http: Required<Pick<ServerEntry, 'url' | 'headers'>>;
} {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.split('## MCP server (for agents)')[1]?.split('\n## ')[0] ?? '';
  const entries = [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((block) => {
    const text = (block[1] ?? '')
      .replaceAll('/path/to/herald', values.checkout)
      .replaceAll('http://127.0.0.1:3000', values.url)
      .replaceAll('<your API key>', values.apiKey);
    return (JSON.parse(text) as { mcpServers: { herald: ServerEntry } }).mcpServers.herald;
  });
  const command = entries.find((e) => e.command);
  const http = entries.find((e) => e.url);
  if (!command?.command || !command.args || !command.env || !http?.url || !http.headers)
    throw new Error('the README shows no MCP client configuration for a command and a URL');
  return {
    command: { command: command.command, args: command.args, env: command.env },
    http: { url: http.url, headers: http.headers },
  };
}
