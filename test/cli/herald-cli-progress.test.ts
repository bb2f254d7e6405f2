import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';

let t: TestHerald;

beforeAll(async () => {
  // One publish at a time: with the sandbox's delay, the two networks settle seconds apart.
  t = await startTestHerald({ listen: true, env: { HERALD_WORKER_CONCURRENCY: '1' } });
  await linkSandbox(t, ['bluesky', 'linkedin']);
});
afterAll(() => t.stop());

const SETTLED = ['published', 'failed'];

describe('herald post prints each network’s outcome as it arrives', { timeout: 120_000 }, () => {
  it('POST with Prefer: respond-async answers pending with the id, before any network', async () => {
    const answer = await t.request(
      'POST',
      '/api/post',
      { post: 'early #sandbox-delay-2000', platforms: ['bluesky'] },
      { prefer: 'respond-async' },
    );
    expect(answer.status).toBe(200);
    // Not settled: `pending`, or `processing` when the worker already took the network.
    expect(['pending', 'processing']).toContain(answer.body.status);
    const view = await t.request('GET', `/api/post/${answer.body.id as string}`);
    expect((view.body.targets as { state: string }[]).map((x) => SETTLED.includes(x.state))).toEqual([false]);
  });

  it('PUT /api/post/retry with Prefer: respond-async answers once the network is queued again', async () => {
    const failed = await t.request('POST', '/api/post', {
      post: 'again #sandbox-delay-1500 #sandbox-fail-once-linkedin-621',
      platforms: ['linkedin'],
    });
    const id = failed.body.id as string;
    expect((failed.body.errors as { code: number }[]).map((e) => e.code)).toEqual([621]);
    // The sandbox answers the retry 1.5 s later too: the answer comes before it.
    const retried = await t.request('PUT', '/api/post/retry', { id }, { prefer: 'respond-async' });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id });
    expect(['pending', 'processing']).toContain(retried.body.status);
    await expect
      .poll(async () => (await t.request('GET', `/api/post/${id}`)).body.status, { timeout: 30_000 })
      .toBe('success');
  });

  it('the first outcome is on stdout while the other network is still in flight', async () => {
    const child = spawn(
      process.execPath,
      ['bin/herald.mjs', 'post', 'two at their pace #sandbox-delay-3000', '-p', 'linkedin,bluesky'],
      {
        env: {
          ...process.env,
          XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'herald-cli-progress-')),
          HERALD_URL: t.herald.url!,
          HERALD_API_KEY: API_KEY,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    // What the post looked like at the moment each outcome line reached stdout.
    const seen: { line: string; settled: string[] }[] = [];
    let pending = Promise.resolve();
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const id = /post (\S+)/.exec(stderr)?.[1] as string;
        pending = pending.then(async () => {
          const view = await t.request('GET', `/api/post/${id}`);
          const targets = view.body.targets as { platform: string; state: string }[];
          seen.push({
            line,
            settled: targets.filter((x) => SETTLED.includes(x.state)).map((x) => x.platform),
          });
        });
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    await pending;
    expect(code).toBe(0);
    expect(seen).toHaveLength(2);
    const [first, second] = seen as [(typeof seen)[number], (typeof seen)[number]];
    const firstPlatform = /^✓ (\w+)/.exec(first.line)?.[1] as string;
    // When the first line was printed, only its network had settled: printed on arrival, not at the end.
    expect(first.settled).toEqual([firstPlatform]);
    expect(second.line).toMatch(/^✓ (bluesky|linkedin)/);
    expect(second.line).not.toContain(firstPlatform);
    expect(second.settled.sort()).toEqual(['bluesky', 'linkedin']);
  });
});
