import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attemptsOf } from '../helpers/attempts.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * The README's first-post walkthrough, run as written: its curl commands are read from
 * the README itself (method, path, body), so the demo and this test cannot drift apart.
 */

interface Step {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body: Record<string, unknown>;
}

function readmeSteps(): Step[] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.split('### Your first post')[1]?.split('```sh')[1]?.split('```')[0];
  if (!section) throw new Error('README: the "Your first post" walkthrough is missing');
  const commands = section
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .filter((line) => line.startsWith('curl '));
  return commands.map((command) => {
    const path = /localhost:3000(\/\S*)/.exec(command)?.[1];
    const body = /-d '([^']*)'/.exec(command)?.[1];
    if (!path || body === undefined) throw new Error(`README: cannot read ${command}`);
    const method = (/-X (\w+)/.exec(command)?.[1] ?? 'POST') as Step['method'];
    return { method, path, body: JSON.parse(body) as Record<string, unknown> };
  });
}

let t: TestHerald;
beforeAll(async () => {
  t = await startTestHerald();
});
afterAll(() => t.stop());

describe('the README first-post walkthrough', () => {
  it('links, posts, fails instagram once with 440, and the retry publishes it without re-sending facebook', async () => {
    const steps = readmeSteps();
    expect(steps.map((s) => `${s.method} ${s.path}`)).toEqual([
      'POST /api/accounts',
      'POST /api/accounts',
      'POST /api/post',
      'POST /api/post',
      'PUT /api/post/retry',
    ]);
    const [linkInstagram, linkFacebook, first, failing, retry] = steps as [Step, Step, Step, Step, Step];

    for (const link of [linkInstagram, linkFacebook]) {
      expect((await t.request(link.method, link.path, link.body)).status).toBe(200);
    }

    const hello = await t.request(first.method, first.path, first.body);
    expect(hello.status).toBe(200);
    expect(hello.body.status).toBe('success');
    expect((hello.body.postIds as { platform: string }[]).map((p) => p.platform).sort()).toEqual([
      'facebook',
      'instagram',
    ]);

    const failed = await t.request(failing.method, failing.path, failing.body);
    expect(failed.status).toBe(400);
    expect(failed.body.status).toBe('error');
    expect(failed.body.errors).toEqual([
      expect.objectContaining({ code: 440, platform: 'instagram', status: 'error' }),
    ]);
    expect(failed.body.postIds).toEqual([
      expect.objectContaining({ platform: 'facebook', status: 'success' }),
    ]);
    const facebookId = (failed.body.postIds as { id: string }[])[0]?.id;

    const body = JSON.parse(
      JSON.stringify(retry.body).replace('<id from the answer>', String(failed.body.id)),
    );
    const retried = await t.request(retry.method, retry.path, body);
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('success');
    const postIds = retried.body.postIds as { platform: string; id: string; status: string }[];
    expect(postIds.map((p) => [p.platform, p.status]).sort()).toEqual([
      ['facebook', 'success'],
      ['instagram', 'success'],
    ]);
    // Facebook kept its first (and only) post.
    expect(postIds.find((p) => p.platform === 'facebook')?.id).toBe(facebookId);

    const { rows } = await t.herald.app.pool.query<{ platform: string; attempts: number }>(
      'SELECT platform, attempts FROM targets WHERE post_id = $1 ORDER BY platform',
      [failed.body.id],
    );
    expect(rows).toEqual([
      { platform: 'facebook', attempts: 1 },
      { platform: 'instagram', attempts: 2 },
    ]);
    const log = await attemptsOf(t, String(failed.body.id));
    expect(log.map((a) => [a.number, a.outcome, a.error_code])).toEqual(
      expect.arrayContaining([
        [1, 'failed', 440],
        [2, 'published', null],
      ]),
    );
  });
});
