import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogEntry } from '../../src/errors/catalog/index.ts';
import { TEST_MEDIA_ALLOW } from '../fakes/media-server/loopback-fetch.ts';
import { type MediaHost, startMediaHost } from '../fakes/media-server/server.ts';
import { API_KEY, linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';
import { readmeMcpServers } from '../helpers/mcp-readme.ts';

/**
 * /mcp driven by the MCP SDK's own client over streamable HTTP, against a Herald listening on
 * loopback (real PostgreSQL, the worker publishing to sandbox accounts).
 */
let t: TestHerald;
let url: URL;
let otherProfileKey: string;
let media: MediaHost;

async function connect(headers: Record<string, string>): Promise<Client> {
  const client = new Client({ name: 'herald-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers } }));
  return client;
}

async function call(client: Client, name: string, args: Record<string, unknown>) {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  // Every tool answers structuredContent; an empty one makes the assertions below fail.
  const structured = (result.structuredContent ?? { httpStatus: 0, response: {}, errors: [] }) as {
    httpStatus: number;
    response: Record<string, unknown>;
    errors: { code: number }[];
  };
  const text = result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
  return { result, structured, text };
}

beforeAll(async () => {
  media = await startMediaHost({
    robots: 'User-agent: Twitterbot\nAllow: /\n\nUser-agent: *\nDisallow: /\n',
  });
  t = await startTestHerald({ listen: true, env: { HERALD_MEDIA_ALLOW: TEST_MEDIA_ALLOW } });
  url = new URL('/mcp', t.herald.url);
  await linkSandbox(t, ['facebook', 'bluesky']);
  const other = await t.request('POST', '/api/profiles', { title: 'Other client' });
  otherProfileKey = other.body.profileKey as string;
  await linkSandbox(t, ['facebook'], { 'profile-key': otherProfileKey });
});
afterAll(async () => {
  await t?.stop();
  await media?.close();
});

describe('/mcp (streamable HTTP)', () => {
  it('refuses a call without an API key in catalog form, and the SDK client cannot connect', async () => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    const body = (await res.json()) as { status: string; code: number };
    expect(body).toMatchObject({ status: 'error', code: 102 });
    expect(res.status).toBe(catalogEntry(102).http);
    const wrong = await fetch(url, {
      method: 'POST',
      headers: { authorization: 'Bearer not-a-key-0123456789', 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ status: 'error', code: 601 });
    await expect(connect({ authorization: 'Bearer not-a-key-0123456789' })).rejects.toThrow(/"code":601/);
  });

  it('connected as the README configures it, lists the tools, each with its codes and whether to retry', async () => {
    const { http } = readmeMcpServers({
      checkout: process.cwd(),
      url: t.herald.url as string,
      apiKey: API_KEY,
    });
    expect(new URL(http.url).href).toBe(url.href);
    const client = await connect(http.headers);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual(
        [
          'analytics_post',
          'analytics_social',
          'explain_error',
          'get_post',
          'history',
          'list_accounts',
          'post',
          'retry_post',
          'validate_post',
          'verify_media',
        ].sort(),
      );
      const post = tools.find((tool) => tool.name === 'post');
      expect(post?.inputSchema.properties).toHaveProperty('post');
      expect(post?.inputSchema.properties).toHaveProperty('platforms');
      expect(post?.inputSchema).toMatchObject({ additionalProperties: false });
      // 440 is a network failure a retry does not fix; 618 (draining) is worth retrying.
      expect(post?.description).toMatch(/do not retry unchanged: [^\n]*440 /);
      expect(post?.description).toMatch(/- retry \(transient\): [^\n]*618 /);
      expect(tools.find((tool) => tool.name === 'history')?.inputSchema.properties?.limit).toMatchObject({
        type: 'integer',
      });
    } finally {
      await client.close();
    }
  });

  it('publishes to a sandbox account, then finds the post through get_post and history', async () => {
    const client = await connect({ authorization: `Bearer ${API_KEY}` });
    try {
      const accounts = await call(client, 'list_accounts', {});
      expect(accounts.text.split('\n')[0]).toBe('Linked: bluesky, facebook.');
      expect(accounts.structured.response).toEqual((await t.request('GET', '/api/user')).body);
      const posted = await call(client, 'post', { post: 'Hello from an agent', platforms: ['facebook'] });
      expect(posted.result.isError).toBe(false);
      expect(posted.structured.httpStatus).toBe(200);
      expect(posted.structured.response).toMatchObject({ status: 'success' });
      const id = posted.structured.response.id as string;
      expect(posted.text.split('\n')[0]).toBe(
        `Post ${id}: success (HTTP 200); 1 network(s) published, 0 failed.`,
      );
      // What the REST API answers for the same post.
      const rest = await t.request('GET', `/api/post/${id}`);
      expect(rest.body.postIds).toEqual(posted.structured.response.postIds);

      const got = await call(client, 'get_post', { id });
      expect(got.structured.response).toEqual(rest.body);
      const history = await call(client, 'history', { limit: 5 });
      expect((history.structured.response.history as { id: string }[]).map((p) => p.id)).toContain(id);
    } finally {
      await client.close();
    }
  });

  it('validates first: a post Herald would refuse stores nothing, and the refusal explains its code', async () => {
    const client = await connect({ authorization: `Bearer ${API_KEY}` });
    try {
      const before = await t.count('posts');
      const refused = await call(client, 'post', { post: 'x'.repeat(301), platforms: ['bluesky'] });
      expect(refused.result.isError).toBe(true);
      expect(refused.text.split('\n')[0]).toBe('Validation refused the post: nothing was posted.');
      const codes = refused.structured.errors.map((e) => e.code) ?? [];
      expect(codes.length).toBeGreaterThan(0);
      for (const code of codes)
        expect(refused.text).toContain(`${code} (bluesky) ${catalogEntry(code).title}`);
      expect(await t.count('posts')).toBe(before);

      // An argument the route does not take is refused as REST refuses it (631), before any call.
      const unknown = await call(client, 'post', { post: 'hi', platforms: ['facebook'], colour: 'red' });
      expect(unknown.result.isError).toBe(true);
      expect(unknown.structured.response).toMatchObject({ code: 631 });
      expect(await t.count('posts')).toBe(before);
    } finally {
      await client.close();
    }
  });

  it('a failed network comes back with its advice, and retry_post re-sends only it', async () => {
    const client = await connect({ authorization: `Bearer ${API_KEY}` });
    try {
      const posted = await call(client, 'post', {
        post: 'Flaky #sandbox-fail-once-bluesky-625',
        platforms: ['facebook', 'bluesky'],
      });
      expect(posted.result.isError).toBe(true);
      expect(posted.structured.response).toMatchObject({ status: 'error' });
      expect(posted.structured.errors).toEqual([expect.objectContaining({ code: 625, platform: 'bluesky' })]);
      expect(posted.text).toMatch(
        /625 \(bluesky\) [^\n]*retry\? yes: retry_post re-sends only the failed networks/,
      );
      const id = posted.structured.response.id as string;
      const facebookId = (posted.structured.response.postIds as { platform: string; id: string }[]).find(
        (p) => p.platform === 'facebook',
      )?.id;

      const retried = await call(client, 'retry_post', { id });
      expect(retried.result.isError).toBe(false);
      expect(retried.structured.response).toMatchObject({ status: 'success' });
      const postIds = retried.structured.response.postIds as { platform: string; id: string }[];
      expect(postIds.find((p) => p.platform === 'facebook')?.id).toBe(facebookId);
      expect(postIds.map((p) => p.platform).sort()).toEqual(['bluesky', 'facebook']);
    } finally {
      await client.close();
    }
  });

  it('verify_media and analytics_post answer what their endpoints answer', async () => {
    const client = await connect({ authorization: `Bearer ${API_KEY}` });
    try {
      const mediaUrl = media.url('/photo.jpg');
      const verified = await call(client, 'verify_media', { mediaUrl, platforms: ['instagram'] });
      const rest = await t.request('POST', '/api/media/verify', { mediaUrl, platforms: ['instagram'] });
      expect(verified.structured.httpStatus).toBe(200);
      const verdicts = (body: Record<string, unknown>) =>
        (body.crawlers as { crawler: string; verdict: string }[]).map((c) => [c.crawler, c.verdict]);
      expect(verdicts(verified.structured.response)).toEqual(verdicts(rest.body));
      expect(verdicts(rest.body)).toContainEqual(['facebookexternalhit', 'blocked']);

      const posted = await call(client, 'post', { post: 'Measure me', platforms: ['facebook'] });
      const id = posted.structured.response.id as string;
      const metrics = await call(client, 'analytics_post', { id });
      expect(metrics.result.isError).toBe(false);
      expect(metrics.structured.response).toMatchObject({
        status: 'success',
        facebook: { id: expect.any(String) },
      });
      // Answered from the same cache, so REST reads the very same metrics.
      expect((await t.request('POST', '/api/analytics/post', { id })).body).toEqual(
        metrics.structured.response,
      );
    } finally {
      await client.close();
    }
  });

  it('explains a catalog code, and refuses one the catalog does not have', async () => {
    const client = await connect({ authorization: `Bearer ${API_KEY}` });
    try {
      const explained = await call(client, 'explain_error', { code: 440 });
      expect(explained.result.isError).toBeFalsy();
      expect(explained.text).toContain(`440 ${catalogEntry(440).title}`);
      expect(explained.text).toContain(`Remedy: ${catalogEntry(440).remedy}`);
      expect(explained.result.structuredContent).toMatchObject({ code: 440, retry: { retry: 'no' } });
      const unknown = await call(client, 'explain_error', { code: 9999 });
      expect(unknown.result.isError).toBe(true);
      expect(unknown.structured.response).toMatchObject({ code: 607 });
    } finally {
      await client.close();
    }
  });

  it('acts as the profile the connection names: another profile’s post is not found, nor listed', async () => {
    const primary = await connect({ authorization: `Bearer ${API_KEY}` });
    const other = await connect({ authorization: `Bearer ${API_KEY}`, 'profile-key': otherProfileKey });
    try {
      const mine = await call(primary, 'post', { post: 'Primary only', platforms: ['facebook'] });
      const id = mine.structured.response.id as string;
      const seen = await call(other, 'get_post', { id });
      expect(seen.result.isError).toBe(true);
      expect(seen.structured.response).toMatchObject({ code: 607 });
      const retried = await call(other, 'retry_post', { id });
      expect(retried.structured.response).toMatchObject({ code: 607 });
      expect((await call(other, 'list_accounts', {})).structured.response).toMatchObject({
        title: 'Other client',
        activeSocialAccounts: ['facebook'],
      });
      const listed = await call(other, 'history', { lastDays: 0, limit: 1000 });
      expect((listed.structured.response.history as { id: string }[]).map((p) => p.id)).not.toContain(id);
      // The other profile posts to its own account.
      const own = await call(other, 'post', { post: 'Other client here', platforms: ['facebook'] });
      expect(own.structured.response).toMatchObject({ status: 'success' });
      expect(
        (await call(primary, 'get_post', { id: own.structured.response.id })).structured.httpStatus,
      ).toBe(404);
    } finally {
      await primary.close();
      await other.close();
    }
  });

  it('answers the transport’s own refusals in JSON-RPC form, and a body that is not JSON-RPC in catalog form', async () => {
    const headers = { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' };
    const message = JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/list' });
    // The protocol asks clients to accept both JSON and an event stream.
    const noAccept = await fetch(url, { method: 'POST', headers, body: message });
    expect(noAccept.status).toBe(406);
    expect(await noAccept.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32000 } });
    const accept = 'application/json, text/event-stream';
    const unknown = await fetch(url, {
      method: 'POST',
      headers: { ...headers, accept },
      body: JSON.stringify({ jsonrpc: '2.0', id: 8, method: 'no/such-method' }),
    });
    expect(await unknown.json()).toMatchObject({ jsonrpc: '2.0', id: 8, error: { code: -32601 } });
    const notJsonRpc = await fetch(url, {
      method: 'POST',
      headers: { ...headers, accept },
      body: '{"hello":1}',
    });
    expect(notJsonRpc.status).toBe(400);
    expect(await notJsonRpc.json()).toMatchObject({ status: 'error', code: 604 });
  });

  it('answers GET and DELETE with 405: the server is stateless', async () => {
    for (const method of ['GET', 'DELETE']) {
      const res = await fetch(url, { method, headers: { authorization: `Bearer ${API_KEY}` } });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
      expect(await res.json()).toMatchObject({ status: 'error', code: 645 });
    }
  });
});
