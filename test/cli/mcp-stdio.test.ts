import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeProfileFile } from '../../src/config/client-profile-file.ts';
import { catalogEntry } from '../../src/errors/catalog/index.ts';
import { API_KEY, freePort, linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';
import { readmeMcpServers } from '../helpers/mcp-readme.ts';

/**
 * The real `herald mcp` process (bin/herald.mjs), driven by the MCP SDK's own client over
 * stdio, calling a Herald that listens on loopback over its test database.
 */
let t: TestHerald;

async function start(
  env: Record<string, string>,
  // What the README tells an MCP client to run, unless a test says otherwise.
  run: { command: string; args: string[] } = { command: process.execPath, args: ['bin/herald.mjs', 'mcp'] },
): Promise<{ client: Client; stderr: () => string }> {
  const transport = new StdioClientTransport({
    ...run,
    // A config folder of its own: the machine's ~/.config/herald never takes part.
    env: { ...getDefaultEnvironment(), XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'herald-mcp-')), ...env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const client = new Client({ name: 'herald-stdio-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

async function call(client: Client, name: string, args: Record<string, unknown>) {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const text = result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
  // Every Herald call answers structuredContent; an empty one makes the assertions fail.
  const response = ((result.structuredContent as { response?: Record<string, unknown> } | undefined)
    ?.response ?? {}) as Record<string, unknown>;
  return { result, text, response };
}

beforeAll(async () => {
  t = await startTestHerald({ listen: true });
  await linkSandbox(t, ['facebook', 'mastodon']);
});
afterAll(async () => {
  await t?.stop();
});

describe('herald mcp (stdio)', () => {
  it('started as the README configures it: lists the tools, publishes to sandbox accounts, explains a code', async () => {
    const { command } = readmeMcpServers({
      checkout: process.cwd(),
      url: t.herald.url as string,
      apiKey: API_KEY,
    });
    const { client, stderr } = await start(command.env, command);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(
        expect.arrayContaining([
          'post',
          'validate_post',
          'get_post',
          'history',
          'retry_post',
          'explain_error',
        ]),
      );
      expect(client.getServerVersion()?.name).toBe('herald');
      const accounts = await call(client, 'list_accounts', {});
      expect(accounts.response.activeSocialAccounts).toEqual(['facebook', 'mastodon']);

      const posted = await call(client, 'post', {
        post: 'Hello over stdio',
        platforms: ['facebook', 'mastodon'],
      });
      expect(posted.result.isError).toBe(false);
      expect(posted.response).toMatchObject({ status: 'success' });
      const id = posted.response.id as string;
      const rest = await t.request('GET', `/api/post/${id}`);
      expect(rest.body).toMatchObject({ status: 'success', post: 'Hello over stdio' });
      expect((rest.body.postIds as { platform: string }[]).map((p) => p.platform).sort()).toEqual([
        'facebook',
        'mastodon',
      ]);

      const explained = await call(client, 'explain_error', { code: 625 });
      expect(explained.text).toContain(`625 ${catalogEntry(625).title}`);
      expect(explained.result.structuredContent).toMatchObject({ retry: { retry: 'yes' } });
      expect(stderr()).toContain(`herald mcp: tools for ${t.herald.url}`);
    } finally {
      await client.close();
    }
  });

  it('a refused call: a key Herald does not know is answered 601 and nothing is posted', async () => {
    const { client } = await start({
      HERALD_URL: t.herald.url as string,
      HERALD_API_KEY: 'not-a-key-0123456789',
    });
    try {
      const before = await t.count('posts');
      const refused = await call(client, 'post', { post: 'Should not go out', platforms: ['facebook'] });
      expect(refused.result.isError).toBe(true);
      expect(refused.response).toMatchObject({ code: 601 });
      expect(refused.text).toContain(`601 ${catalogEntry(601).title}`);
      expect(await t.count('posts')).toBe(before);
    } finally {
      await client.close();
    }
  });

  it('says so in the result when Herald cannot be reached', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const { client } = await start({ HERALD_URL: closed, HERALD_API_KEY: API_KEY });
    try {
      const { result, text } = await call(client, 'history', {});
      expect(result.isError).toBe(true);
      expect(text).toMatch(new RegExp(`^Herald at ${closed} could not be reached \\(ECONNREFUSED\\)`));
    } finally {
      await client.close();
    }
  });

  it('reads the profile file (README "Profile file"): --profile names the entry, no variable needed', async () => {
    const home = mkdtempSync(join(tmpdir(), 'herald-mcp-profile-'));
    writeProfileFile(join(home, 'herald', 'config.json'), {
      default: 'elsewhere',
      profiles: {
        elsewhere: { url: 'http://127.0.0.1:9', apiKey: 'not-this-one' },
        local: { url: t.herald.url as string, apiKey: API_KEY },
      },
    });
    const { client } = await start(
      { XDG_CONFIG_HOME: home },
      { command: process.execPath, args: ['bin/herald.mjs', 'mcp', '--profile', 'local'] },
    );
    try {
      const accounts = await call(client, 'list_accounts', {});
      expect(accounts.response.activeSocialAccounts).toEqual(['facebook', 'mastodon']);
    } finally {
      await client.close();
    }
  });

  it('without an API key it exits 1, saying why on stderr and nothing on stdout', async () => {
    const child = spawn(process.execPath, ['bin/herald.mjs', 'mcp'], {
      env: {
        ...getDefaultEnvironment(),
        XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'herald-mcp-')),
        HERALD_URL: t.herald.url as string,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += String(chunk);
    });
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('HERALD_API_KEY is required');
  });
});
