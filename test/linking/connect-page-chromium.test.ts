import { mkdirSync, statSync } from 'node:fs';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectIssuer } from '../../src/linking/connect-link.ts';
import { signConnectToken } from '../../src/linking/connect-token.ts';
import { type LinkedInLinking, startLinkedInLinking } from '../fakes/oauth/linkedin.ts';
import { type MetaLinking, startMetaLinking } from '../fakes/oauth/meta.ts';
import { type LaunchedChromium, launchChromium } from '../helpers/chromium.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';

/**
 * The connect page end to end in a real Chromium (Debian's, through playwright-core):
 * the generateJWT URL opened, LinkedIn and Facebook connected through their fake
 * authorization servers (consent pages clicked), LinkedIn's account picked, both seen
 * linked, one unlinked; an expired link, a cancelled authorization (Facebook's
 * error=access_denied, LinkedIn's user_cancelled_authorize) and a replayed callback refused. Screenshots go to docs/ when
 * UPDATE_SCREENSHOTS=1 (else to .tmp/), and are checked to exist and stay small.
 */

const SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/' : '.tmp/screenshots/';

let li: LinkedInLinking;
let meta: MetaLinking;
let t: TestHerald;
let chromium: LaunchedChromium;
let profileKey: string;

beforeAll(async () => {
  li = await startLinkedInLinking();
  meta = await startMetaLinking();
  t = await startTestHerald({ listen: true, env: { ...li.env, ...meta.env } });
  const created = await t.request('POST', '/api/profiles', { title: 'Acme Bakery' });
  profileKey = created.body.profileKey as string;
  chromium = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await chromium?.close();
  await t?.stop();
  await li?.close();
  await meta?.close();
});

async function connectUrl(body: Record<string, unknown> = {}): Promise<string> {
  const res = await t.request('POST', '/api/profiles/generateJWT', {
    profileKey,
    redirect: 'https://app.example/done',
    ...body,
  });
  expect(res.status).toBe(200);
  return res.body.url as string;
}

/** A full-page PNG, palette-quantized (sharp) so the docs stay small. */
async function screenshot(page: Page, name: string): Promise<void> {
  const file = `${SHOTS}${name}.png`;
  const shot = await page.screenshot({ fullPage: true });
  await sharp(shot).png({ palette: true, compressionLevel: 9, effort: 10 }).toFile(file);
  expect(statSync(file).size).toBeLessThan(120_000);
}

function card(page: Page, name: string) {
  return page.getByRole('listitem').filter({ has: page.getByRole('heading', { name, exact: true }) });
}

describe('the connect page in Chromium', () => {
  it('connects LinkedIn and Facebook through the networks’ pages, shows them linked, and unlinks one', async () => {
    const page = await chromium.context.newPage();
    // What the browser fetched from outside loopback: nothing (a network's picture is refused).
    const outside = { finished: [] as string[], blocked: [] as string[] };
    page.on('requestfinished', (r) => {
      if (!/^https?:\/\/127\./.test(r.url())) outside.finished.push(r.url());
    });
    page.on('requestfailed', (r) => {
      if (!/^https?:\/\/127\./.test(r.url())) outside.blocked.push(new URL(r.url()).hostname);
    });
    await page.setViewportSize({ width: 1000, height: 800 });
    await page.goto(await connectUrl());
    // The JWT has left the address bar for the page's own address.
    expect(page.url()).toMatch(/\/connect\/[0-9a-f-]{36}$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Link your accounts');
    // A network that cannot be linked here says so instead of offering a button.
    await expect(card(page, 'Snapchat').textContent()).resolves.toContain('cannot be linked from this page');
    expect(await card(page, 'Snapchat').getByRole('button').count()).toBe(0);
    await screenshot(page, 'connect-page');

    await page.getByRole('button', { name: 'Connect LinkedIn' }).click();
    await page.waitForURL(`${li.auth.url}/oauth/v2/authorization?**`);
    expect(await page.locator('#signed-in').textContent()).toBe('Alice Herald');
    await page.getByRole('button', { name: 'Allow' }).click();

    await page.waitForURL(/\/choose\//);
    await screenshot(page, 'connect-choose');
    await page.getByLabel('Alice Herald').check();
    await page.getByRole('button', { name: 'Link this account' }).click();
    await page.waitForURL(/\?linked=linkedin$/);
    expect(await page.getByRole('status').textContent()).toContain('LinkedIn is linked.');
    const linked = card(page, 'LinkedIn');
    expect(await linked.textContent()).toContain('Alice Herald');
    expect(await linked.textContent()).toContain('Working');

    // Facebook: one Page, so no choice to make; back on the page at once.
    await page.getByRole('button', { name: 'Connect Facebook' }).click();
    await page.waitForURL(`${meta.facebook.url}/v23.0/dialog/oauth?**`);
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(/\?linked=facebook$/);
    expect(await card(page, 'Facebook').textContent()).toContain('Herald Test Page');
    await screenshot(page, 'connect-linked');

    const user = await t.request('GET', '/api/user', undefined, { 'profile-key': profileKey });
    expect(user.body.activeSocialAccounts).toEqual(['facebook', 'linkedin']);
    // The same page in a phone-sized webview: one column, nothing cut off.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'connect-mobile');
    await page.setViewportSize({ width: 1000, height: 800 });

    page.once('dialog', (dialog) => void dialog.accept());
    await card(page, 'LinkedIn').getByRole('button', { name: 'Unlink LinkedIn' }).click();
    await page.waitForURL(/\?unlinked=linkedin$/);
    expect(await page.getByRole('status').textContent()).toContain('LinkedIn is unlinked.');
    expect(await card(page, 'LinkedIn').textContent()).toContain('Not linked');
    expect(await card(page, 'Facebook').textContent()).toContain('Herald Test Page');
    const after = await t.request('GET', '/api/user', undefined, { 'profile-key': profileKey });
    expect(after.body.activeSocialAccounts).toEqual(['facebook']);
    expect(outside.finished).toEqual([]);
    expect(outside.blocked).toContain('scontent.xx.fbcdn.net');
    await page.close();
  });

  it('is keyboard-operable: Tab reaches Connect LinkedIn and Enter starts it', async () => {
    const page = await chromium.context.newPage();
    await page.goto(await connectUrl({ allowedSocial: ['linkedin'] }));
    for (let i = 0; i < 10; i += 1) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
      if (focused === 'Connect LinkedIn') break;
    }
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Connect LinkedIn');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${li.auth.url}/oauth/v2/authorization?**`);
    await page.close();
  });

  it('a Cancel (error=access_denied, user_cancelled_authorize), a replayed callback and an expired link are refused', async () => {
    const page = await chromium.context.newPage();
    await page.goto(await connectUrl());
    await page.getByRole('button', { name: /^(Connect|Reconnect) Facebook$/ }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForURL(/\/connect\/callback\/facebook\?.*error=access_denied/);
    expect(await page.getByRole('alert').textContent()).toContain(
      'Facebook authorization was cancelled or refused',
    );
    await page.getByRole('link', { name: 'Back to your accounts' }).click();
    await page.waitForURL(/\/connect\/[0-9a-f-]{36}$/);
    await page.getByRole('button', { name: 'Connect LinkedIn' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForURL(/\/connect\/callback\/linkedin\?/);
    expect(await page.getByRole('alert').textContent()).toContain(
      'LinkedIn authorization was cancelled or refused',
    );
    await screenshot(page, 'connect-cancelled');
    // The same answer again (back button, a replay): its state was spent.
    await page.reload();
    expect(await page.getByRole('alert').textContent()).toContain('already used');

    const { rows } = await t.herald.app.pool.query<{ id: string }>('SELECT id FROM link_sessions LIMIT 1');
    const expired = await signConnectToken(t.herald.app.secretKey, connectIssuer(t.herald.app), {
      sessionId: rows[0]?.id as string,
      refId: 'whatever',
      expiresAt: new Date(Date.now() - 1000),
    });
    const response = await page.goto(`${t.herald.url}/connect?jwt=${expired}`);
    expect(response?.status()).toBe(401);
    expect(await page.getByRole('alert').textContent()).toContain(
      'This connect link has expired or is not valid',
    );
    await screenshot(page, 'connect-expired');
    await page.close();
  });
});
