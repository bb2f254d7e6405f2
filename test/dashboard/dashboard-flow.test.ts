import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiKey } from '../../src/app/bootstrap.ts';
import { revokeApiKey } from '../../src/db/api-keys.ts';
import { API_KEY } from '../helpers/herald.ts';
import { type DashboardSession, open, signedInPage, startDashboardSession } from './dashboard-session.ts';

/**
 * The dashboard driven in Debian's Chromium against a listening Herald with sandbox
 * accounts: sign in (the key stays in sessionStorage, never in the address), compose
 * with live lengths and the dry run, post to Bluesky and LinkedIn with LinkedIn forced
 * to fail once (`#sandbox-fail-once-linkedin-624`), read the failure's catalog remedy in
 * history, retry it, and follow both live links; schedule in a time zone, then approve,
 * pause and move the post from the queue.
 */

let s: DashboardSession;
let remedy624: string;

beforeAll(async () => {
  s = await startDashboardSession();
  const catalog = await s.t.request('GET', '/api/errors');
  const entries = catalog.body.errors as Array<{ code: number; remedy: string }>;
  remedy624 = entries.find((e) => e.code === 624)?.remedy ?? '';
  expect(remedy624).not.toBe('');
});
afterEach(() => {
  expect(s.pageErrors).toEqual([]);
});
afterAll(async () => {
  await s?.close();
});

describe('the dashboard in Chromium', () => {
  it('refuses a wrong key, then keeps the right one in sessionStorage only', async () => {
    const page = await s.chromium.context.newPage();
    await page.goto(`${s.url}/app`);
    await page.getByLabel('API key').fill('not-a-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('601');
    await page.getByLabel('API key').fill(API_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Dashboard' }).waitFor();
    expect(page.url()).not.toContain(API_KEY);
    const stored = await page.evaluate(() => ({
      session: sessionStorage.getItem('herald.apiKey'),
      local: localStorage.length,
      cookie: document.cookie,
    }));
    expect(stored).toEqual({ session: API_KEY, local: 0, cookie: '' });
    // Another tab of a fresh session is signed out: the key does not outlive its tab.
    const other = await s.chromium.context.newPage();
    await other.goto(`${s.url}/app`);
    await other.getByLabel('API key').waitFor();
    await other.close();
    await page.close();
  });

  it('goes back to the sign-in form, forgetting the key, once the key is revoked', async () => {
    const key = await createApiKey(s.t.herald.app.pool, 'dashboard test');
    const page = await s.chromium.context.newPage();
    await page.goto(`${s.url}/app`);
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Dashboard' }).waitFor();
    // The first page's own calls must be answered before the revoke: one answered after it
    // would sign the page out by itself, and the History link would be gone before the click.
    await page.waitForLoadState('networkidle');
    expect(await revokeApiKey(s.t.herald.app.pool, key.slice(0, 7))).toBe(1);
    // Every process hears of a revoke by a notification (its key cache): wait until this one has.
    await vi.waitFor(
      async () => {
        const res = await s.t.herald.server!.inject({
          method: 'GET',
          url: '/api/user',
          headers: { authorization: `Bearer ${key}` },
        });
        expect(res.statusCode).toBe(401);
      },
      { timeout: 10_000 },
    );
    await page.getByRole('link', { name: 'History' }).click();
    await page.getByLabel('API key').waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await page.close();
  }, 90_000); // sign-in, a revoke heard by notification, and a page change in Chromium, under the whole suite's load

  it('posts to two sandbox networks, shows the forced failure’s remedy, and retries it', async () => {
    const page = await signedInPage(s.chromium.context, s.url);
    await open(page, 'Compose');
    await page.getByRole('checkbox', { name: 'bluesky' }).check();
    await page.getByRole('checkbox', { name: 'linkedin' }).check();

    // Live length per network, and the dry run's verdict naming the network and the code.
    await page.getByLabel('Post text').fill('x'.repeat(301));
    const bluesky = page.locator('table.lengths tr[data-platform="bluesky"]');
    await expect.poll(() => bluesky.textContent()).toContain('301300too long');
    await expect.poll(() => page.locator('.check').textContent()).toContain('(132)');
    await expect.poll(() => page.locator('.check').textContent()).toContain('bluesky');

    const text = 'Hello from the dashboard #sandbox-fail-once-linkedin-624';
    await page.getByLabel('Post text').fill(text);
    await expect.poll(() => page.locator('.check').textContent()).toContain('no issue found');

    // Options: a field LinkedIn does not have is refused by the dry run (620) before anything is sent;
    // then a simple field (from LinkedIn's declaration) and the JSON box go out together.
    await page.getByLabel('More options as JSON').fill('{"linkedInOptions": {"nope": 1}}');
    await expect.poll(() => page.locator('.check').textContent()).toContain('(620)');
    await page.getByLabel('More options as JSON').fill('{"blueSkyOptions": {"langs": ["en"]}}');
    await page
      .locator('fieldset[data-platform="linkedin"]')
      .getByRole('checkbox', { name: 'disableShare' })
      .check();
    await expect.poll(() => page.locator('.check').textContent()).toContain('no issue found');
    const sent = page.waitForRequest(
      (r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/post',
    );
    await page.getByRole('button', { name: 'Post now' }).click();
    expect((await sent).postDataJSON()).toEqual({
      post: text,
      platforms: ['bluesky', 'linkedin'],
      linkedInOptions: { disableShare: true },
      blueSkyOptions: { langs: ['en'] },
    });
    const result = page.locator('ul.outcome');
    await expect.poll(() => result.textContent(), { timeout: 15_000 }).toContain(remedy624);
    await expect(page.getByRole('link', { name: 'View the live post on bluesky' }).count()).resolves.toBe(1);

    // History: the same remedy in plain words beside LinkedIn, then a retry of LinkedIn only.
    await open(page, 'History');
    const item = page.locator('ul.posts > li').filter({ hasText: text });
    await expect.poll(() => item.locator('[data-platform="linkedin"]').textContent()).toContain(remedy624);
    await expect(item.locator('[data-platform="linkedin"]').textContent()).resolves.toContain('What to do:');
    await item.getByRole('button', { name: 'Retry failed networks' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Retried: success');
    const linkedinLink = item.getByRole('link', { name: 'View the live post on linkedin' });
    await expect.poll(() => linkedinLink.count()).toBe(1);
    expect(await linkedinLink.getAttribute('href')).toMatch(/^https:\/\/www\.linkedin\.com\/feed\/update\//);
    expect(await item.getByRole('button', { name: 'Retry failed networks' }).count()).toBe(0);

    // What Herald holds: both networks published, LinkedIn on its second attempt.
    const history = await s.t.request('GET', '/api/history?lastDays=0');
    const posted = (history.body.history as Array<Record<string, unknown>>).find((p) => p.post === text);
    expect(posted?.targets).toEqual(
      expect.arrayContaining([
        { platform: 'bluesky', state: 'published', attempts: 1 },
        { platform: 'linkedin', state: 'published', attempts: 2 },
      ]),
    );
    await page.close();
  });

  it('schedules in a time zone, then approves, pauses and moves the post from the queue', async () => {
    const page = await signedInPage(s.chromium.context, s.url);
    await open(page, 'Compose');
    await page.getByLabel('Post text').fill('Scheduled from the dashboard');
    await page.getByRole('checkbox', { name: 'bluesky' }).check();
    await page.getByRole('checkbox', { name: 'Schedule for later' }).check();
    await page.locator('#compose-at').fill('2030-06-01T09:00');
    await page.locator('#compose-zone').selectOption('Asia/Tokyo');
    await page.getByRole('checkbox', { name: 'Wait for approval' }).check();
    await expect.poll(() => page.locator('.check').textContent()).toContain('no issue found');
    await page.getByRole('button', { name: 'Schedule post' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('awaiting approval');
    const id = ((await page.getByRole('status').first().textContent()) ?? '').match(/Post (\S+):/)?.[1] ?? '';
    const stored = async () => (await s.t.request('GET', `/api/post/${id}`)).body;
    // 09:00 in Tokyo (UTC+9, no summer time) is midnight UTC.
    expect((await stored()).scheduleDate).toBe('2030-06-01T00:00:00.000Z');

    await open(page, 'Queue');
    // The calendar opens on the first post's month and shows it on its day, at its time (reader's zone: UTC).
    const calendar = page.locator('.calendar table');
    expect(await calendar.locator('caption').textContent()).toBe('June 2030');
    expect(await calendar.locator('td.busy').count()).toBe(1);
    expect(await calendar.locator(`td[data-day="2030-06-01"] li[data-post="${id}"]`).textContent()).toContain(
      '00:00 Scheduled from',
    );
    const item = page.locator(`ul.posts li[data-post="${id}"]`);
    await item.getByRole('button', { name: 'Approve' }).click();
    await vi.waitFor(async () => expect((await stored()).approved).toBe(true));
    await item.getByRole('button', { name: 'Pause' }).click();
    await vi.waitFor(async () => expect((await stored()).scheduledPause).toBe(true));
    await expect.poll(() => item.getByRole('button', { name: 'Resume' }).count()).toBe(1);
    // Summer time: 09:00 in Paris on 1 July is 07:00 UTC.
    await item.locator(`#move-${id}-at`).fill('2030-07-01T09:00');
    await item.locator(`#move-${id}-zone`).selectOption('Europe/Paris');
    await item.getByRole('button', { name: 'Reschedule' }).click();
    await vi.waitFor(async () => expect((await stored()).scheduleDate).toBe('2030-07-01T07:00:00.000Z'));
    await page.close();
  });
});
