import { mkdirSync, statSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { seriousViolations } from './axe.ts';
import { type DashboardSession, open, signedInPage, startDashboardSession } from './dashboard-session.ts';

/**
 * Every page of the dashboard in Chromium: what it does (upload with the crawler
 * verdict, the media checker, profiles and the connect link, unlink, webhooks with a
 * delivery resent, the catalog searched), an axe-core check failing on any serious or
 * critical violation, and a screenshot. `npm run screenshots:dashboard` writes them
 * to docs/dashboard/ (UPDATE_SCREENSHOTS=1); otherwise they go to .tmp/.
 */

const SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/dashboard/' : '.tmp/screenshots/dashboard/';

let s: DashboardSession;
let page: Page;

beforeAll(async () => {
  s = await startDashboardSession();
  mkdirSync(SHOTS, { recursive: true });
  // History to show: one post published, one failed on LinkedIn (its remedy on the page).
  await s.t.request('POST', '/api/post', { post: 'Spring menu is out', platforms: ['bluesky', 'linkedin'] });
  await s.t.request('POST', '/api/post', {
    post: 'Opening hours #sandbox-fail-linkedin-624',
    platforms: ['bluesky', 'linkedin'],
  });
  page = await signedInPage(s.chromium.context, s.url);
});
afterEach(() => {
  expect(s.pageErrors).toEqual([]);
});
afterAll(async () => {
  await s?.close();
});

/** No serious or critical violation, and a small palette PNG of the whole page. */
async function checkAndShoot(name: string, fullPage = true): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
  const file = `${SHOTS}${name}.png`;
  const shot = await page.screenshot({ fullPage });
  await sharp(shot).png({ palette: true, compressionLevel: 9, effort: 10 }).toFile(file);
  expect(statSync(file).size).toBeLessThan(200_000);
}

describe('each dashboard page', () => {
  it('the accessibility check finds what it is for (an unlabelled field, a button without a name)', async () => {
    const bare = await s.chromium.context.newPage();
    await bare.setContent(
      '<html lang="en"><title>t</title><main><input type="text"><button></button></main></html>',
    );
    const ids = (await seriousViolations(bare)).map((v) => v.id);
    expect(ids).toEqual(expect.arrayContaining(['label', 'button-name']));
    await bare.close();
  });

  it('sign-in', async () => {
    const fresh = await s.chromium.context.newPage();
    await fresh.setViewportSize({ width: 1200, height: 700 });
    await fresh.goto(`${s.url}/app`);
    await fresh.getByLabel('API key').waitFor();
    expect(await seriousViolations(fresh)).toEqual([]);
    await sharp(await fresh.screenshot())
      .png({ palette: true })
      .toFile(`${SHOTS}sign-in.png`);
    await fresh.close();
  });

  it('composer: uploads an image and shows each crawler’s verdict', async () => {
    await open(page, 'Compose');
    await page.getByLabel('Post text').fill('Our new loaf, fresh at 7');
    await page.getByRole('checkbox', { name: 'bluesky' }).check();
    await page.getByRole('checkbox', { name: 'linkedin' }).check();
    const dir = await mkdtemp(path.join(tmpdir(), 'herald-dash-'));
    const image = path.join(dir, 'loaf.jpg');
    await writeFile(
      image,
      await sharp({ create: { width: 640, height: 480, channels: 3, background: '#c68b59' } })
        .jpeg()
        .toBuffer(),
    );
    await page.getByLabel('Add an image or a video').setInputFiles(image);
    const verdict = page.locator('.verdict');
    await expect.poll(() => verdict.textContent(), { timeout: 15_000 }).toContain('can fetch this media');
    expect(await verdict.locator('tbody tr').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.check').textContent()).toContain('no issue found');
    expect(
      await page.locator('section').filter({ hasText: 'Media' }).locator('code').first().textContent(),
    ).toMatch(new RegExp(`^${s.url}/media/`));
    await checkAndShoot('composer');
  });

  it('queue', async () => {
    await s.t.request('POST', '/api/post', {
      post: 'Saturday tasting, 10:00',
      platforms: ['bluesky'],
      scheduleDate: '2030-03-02T10:00:00+01:00',
      requiresApproval: true,
    });
    await open(page, 'Queue');
    await page.getByRole('button', { name: 'Approve' }).waitFor();
    await checkAndShoot('queue');
  });

  it('history', async () => {
    await open(page, 'History');
    await page.getByText('What to do:').first().waitFor();
    await checkAndShoot('history');
  });

  it('accounts: creates a profile, acts as it, makes a connect link; unlinks an account', async () => {
    await open(page, 'Accounts');
    await page.locator('tr[data-platform="linkedin"]').waitFor();
    await checkAndShoot('accounts');
    await page.getByRole('button', { name: 'Unlink linkedin' }).click();
    await expect.poll(() => page.locator('tr[data-platform="linkedin"]').count()).toBe(0);
    expect((await s.t.request('GET', '/api/user')).body.activeSocialAccounts).toEqual(['bluesky']);

    await page.getByLabel('New profile title').fill('Acme Bakery');
    await page.getByRole('button', { name: 'Create profile' }).click();
    await page.getByRole('button', { name: 'Use this profile' }).click();
    await expect.poll(() => page.locator('.who').textContent()).toContain('Acme Bakery');
    await page.getByRole('button', { name: 'Make a connect link' }).click();
    const link = page.getByRole('link', { name: /Open the connect page/ });
    expect(await link.getAttribute('href')).toMatch(new RegExp(`^${s.url}/connect`));
    // The link opens the hosted page in a new tab, for this profile.
    const [connectPage] = await Promise.all([s.chromium.context.waitForEvent('page'), link.click()]);
    await connectPage.getByText('Acme Bakery').first().waitFor();
    await connectPage.close();
    // The profile's own (empty) accounts now, not the primary's.
    expect(await page.getByText('No account is linked to this profile.').count()).toBe(1);
    await page.getByRole('button', { name: 'Back to the primary profile' }).click();
    await expect.poll(() => page.locator('.who').textContent()).toContain('primary');
  });

  it('accounts: deletes a profile after a confirmation; deleting the one acted as goes back to the primary', async () => {
    await s.t.request('POST', '/api/profiles', { title: 'Old Branch' });
    const acting = await s.t.request('POST', '/api/profiles', { title: 'Acting Branch' });
    const titles = async () =>
      ((await s.t.request('GET', '/api/profiles')).body.profiles as { title: string }[]).map((p) => p.title);
    await open(page, 'History');
    await open(page, 'Accounts');
    const old = page.locator('ul.profiles li').filter({ hasText: 'Old Branch' });
    await old.getByRole('button', { name: 'Delete Old Branch' }).click();
    const question = page.getByRole('group', { name: 'Confirm deleting Old Branch' });
    expect(await question.textContent()).toContain('cannot be undone');
    // The answer has the focus: Enter would delete, Tab reaches Cancel.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Yes, delete Old Branch');
    await checkAndShoot('accounts-profile-delete');
    await question.getByRole('button', { name: 'Cancel' }).click();
    expect(await question.count()).toBe(0);
    expect(await titles()).toContain('Old Branch');

    await old.getByRole('button', { name: 'Delete Old Branch' }).click();
    await page.getByRole('button', { name: 'Yes, delete Old Branch' }).click();
    await page.getByRole('status').filter({ hasText: 'Deleted the profile “Old Branch”.' }).waitFor();
    await expect.poll(() => old.count()).toBe(0);
    expect(await titles()).not.toContain('Old Branch');
    expect(await titles()).toContain('Acting Branch');

    await page.getByLabel('Act as the profile with key').fill(acting.body.profileKey as string);
    await page.getByRole('button', { name: 'Use profile', exact: true }).click();
    await expect.poll(() => page.locator('.who').textContent()).toContain('Acting Branch');
    await page.getByRole('button', { name: 'Delete Acting Branch' }).click();
    await page.getByRole('button', { name: 'Yes, delete Acting Branch' }).click();
    await expect.poll(() => page.locator('.who').textContent()).toContain('primary');
    expect(await titles()).not.toContain('Acting Branch');
    // The primary's accounts again, not a deleted profile's refusal.
    await page.locator('tr[data-platform="bluesky"]').waitFor();
  });

  it('webhooks: registers one, lists its delivery and resends it', async () => {
    await open(page, 'Webhooks');
    await page.getByLabel('Action').selectOption('social');
    await page.getByLabel('URL').fill(`${s.receiver.url}/social`);
    // A secret of our own: Herald makes none, so none is shown (nor lands in the screenshot).
    await page.getByLabel('Secret (optional)').fill('dashboard-test-secret-0123456789');
    await page.getByRole('button', { name: 'Register' }).click();
    await page.locator('li[data-action="social"]').waitFor();
    expect(await page.getByText('Signing secret (shown once)').count()).toBe(0);
    // An event for it: a network linked.
    await s.t.request('POST', '/api/accounts', { platform: 'linkedin', credentials: { sandbox: true } });
    await vi.waitFor(() => expect(s.receiver.at('/social').length).toBe(1), { timeout: 15_000 });
    await page.getByRole('button', { name: 'Refresh' }).click();
    const delivery = page.locator('li[data-delivery]').first();
    await expect.poll(() => delivery.textContent()).toContain('delivered');
    await delivery.getByRole('button', { name: 'Resend' }).click();
    await vi.waitFor(() => expect(s.receiver.at('/social').length).toBe(2), { timeout: 15_000 });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await checkAndShoot('webhooks');
  });

  it('error catalog: searched by code', async () => {
    await open(page, 'Error catalog');
    await page.getByLabel('Search by code, word or network').fill('624');
    await expect.poll(() => page.locator('.catalog > div').count()).toBe(1);
    expect(await page.locator('#code-624').textContent()).toContain('What to do:');
    await page.getByLabel('Search by code, word or network').fill('');
    // Every code on the page for axe; the screenshot shows the first screenful.
    await checkAndShoot('error-catalog', false);
  });

  it('media checker: a URL checked as each crawler', async () => {
    await open(page, 'Media checker');
    const media = (await s.t.request('GET', '/api/media')).body as unknown as Array<{ url: string }>;
    await page.getByLabel('Media URL').fill(media[0]?.url ?? '');
    await page.getByRole('checkbox', { name: 'bluesky' }).check();
    await page.getByRole('button', { name: 'Check' }).click();
    await expect
      .poll(() => page.locator('.verdict').textContent(), { timeout: 15_000 })
      .toContain('can fetch');
    await checkAndShoot('media-checker');
  });
});
