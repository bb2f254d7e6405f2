import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepMedia } from '../../src/jobs/sweep.ts';
import { type MediaFixtures, mediaFixtures } from '../fakes/media-server/fixtures.ts';
import { linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * Retention counts from the last post that uses a file: a library file a post scheduled
 * in a month uses outlives the retention counted from its upload; an unused one does not,
 * and leaves the library with its file.
 */
const DAY = 86_400_000;
let t: TestHerald;
let f: MediaFixtures;

beforeAll(async () => {
  f = await mediaFixtures();
  t = await startTestHerald({
    env: {
      HERALD_PUBLIC_URL: 'https://herald.example',
      HERALD_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'herald-retention-')),
    },
  });
  await linkSandbox(t, ['facebook']);
});
afterAll(() => t?.stop());

const upload = async (bytes: Buffer) =>
  (
    await t.request('POST', '/api/media/upload', {
      file: `data:image/jpeg;base64,${bytes.toString('base64')}`,
    })
  ).body as { id: string; url: string; expiresAt: string };
const served = async (url: string) =>
  (await t.herald.server?.inject({ method: 'GET', url: new URL(url).pathname }))?.statusCode;

describe('media retention', () => {
  it('keeps a file a scheduled post uses past its date; deletes an unused one after the retention', async () => {
    const used = await upload(f.jpeg);
    const unused = await upload(f.png);
    expect(Date.parse(unused.expiresAt) - Date.now()).toBeGreaterThan(7 * DAY - 60_000);
    const scheduleDate = new Date(Date.now() + 30 * DAY).toISOString();
    const post = await t.request('POST', '/api/post', {
      post: 'next month',
      platforms: ['facebook'],
      mediaUrls: [used.url],
      scheduleDate,
    });
    expect(post.status).toBe(200);
    const listed = (await t.request('GET', '/api/media')).body as unknown as {
      id: string;
      expiresAt: string;
    }[];
    expect(Date.parse(listed.find((m) => m.id === used.id)?.expiresAt ?? '')).toBe(
      Date.parse(scheduleDate) + 7 * DAY,
    );

    // Eight days on: past the retention from the upload, well before the post's date.
    await sweepMedia(t.herald.app, Date.now() + 8 * DAY);
    expect(await served(used.url)).toBe(200);
    expect(await served(unused.url)).toBe(404);
    const after = (await t.request('GET', '/api/media')).body as unknown as { id: string }[];
    expect(after.map((m) => m.id)).toContain(used.id);
    expect(after.map((m) => m.id)).not.toContain(unused.id);

    // A week after the post's date, it goes too.
    await sweepMedia(t.herald.app, Date.parse(scheduleDate) + 8 * DAY);
    expect(await served(used.url)).toBe(404);
  });
});
