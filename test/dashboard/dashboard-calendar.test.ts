import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe.ts';
import { type DashboardSession, open, signedInPage, startDashboardSession } from './dashboard-session.ts';

/**
 * The queue's month calendar in Chromium: a scheduled post dragged to another day (Playwright's
 * dragTo, the browser's own drag and drop) or moved from the keyboard keeps its time of day in
 * the calendar's time zone, through the PATCH the reschedule form sends; axe stays clean.
 */

let s: DashboardSession;
let page: Page;
let paris: string;
let keyboard: string;
const calendar = { locator: (selector: string) => page.locator('.calendar').locator(selector) };

const scheduled = async (id: string) =>
  new Date((await s.t.request('GET', `/api/post/${id}`)).body.scheduleDate as string).toISOString();

beforeAll(async () => {
  s = await startDashboardSession();
  // 10:00 in Paris on Friday 22 March 2030, winter time (UTC+1); summer time starts on the 31st.
  const a = await s.t.request('POST', '/api/post', {
    post: 'Tasting in Paris',
    platforms: ['bluesky'],
    scheduleDate: '2030-03-22T10:00:00+01:00',
  });
  paris = a.body.id as string;
  const b = await s.t.request('POST', '/api/post', {
    post: 'Moved from the keyboard',
    platforms: ['linkedin'],
    scheduleDate: '2030-03-12T15:30:00Z',
  });
  keyboard = b.body.id as string;
  page = await signedInPage(s.chromium.context, s.url);
});
afterEach(() => {
  expect(s.pageErrors).toEqual([]);
});
afterAll(async () => {
  await s?.close();
});

describe('the queue’s calendar', () => {
  it('drags a post to another day: same wall-clock time in the calendar’s zone, across summer time', async () => {
    await open(page, 'Queue');
    await page.getByLabel('Calendar time zone').selectOption('Europe/Paris');
    const chip = calendar.locator(`td[data-day="2030-03-22"] li[data-post="${paris}"]`);
    expect(await chip.textContent()).toContain('10:00');
    await chip.dragTo(calendar.locator('td[data-day="2030-03-31"]'));
    // 10:00 in Paris on the 31st is summer time (UTC+2): 08:00 UTC, not 09:00.
    await expect.poll(() => scheduled(paris)).toBe('2030-03-31T08:00:00.000Z');
    const moved = calendar.locator(`td[data-day="2030-03-31"] li[data-post="${paris}"]`);
    await moved.waitFor();
    expect(await moved.textContent()).toContain('10:00');
    expect(await calendar.locator(`td[data-day="2030-03-22"] li[data-post="${paris}"]`).count()).toBe(0);
    expect(await page.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(1);
    // Dropped on its own day: nothing is sent, nothing changes.
    await moved.dragTo(calendar.locator('td[data-day="2030-03-31"]'));
    expect(await scheduled(paris)).toBe('2030-03-31T08:00:00.000Z');
  });

  it('moves a post from the keyboard alone: pick it up, choose the day; Escape puts it down', async () => {
    await page.getByLabel('Calendar time zone').selectOption('UTC');
    const chip = calendar.locator(`li[data-post="${keyboard}"] button`);
    await chip.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Moving “Moved from the keyboard”' }).waitFor();
    expect(await chip.getAttribute('aria-pressed')).toBe('true');
    // While a post is picked up, every day is a button: the page stays accessible.
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('button', { name: /Move to/ }).count()).toBe(0);
    expect(await scheduled(keyboard)).toBe('2030-03-12T15:30:00.000Z');

    await chip.focus();
    await page.keyboard.press('Space');
    const target = page.getByRole('button', { name: 'Move to Friday, March 15, 2030' });
    await target.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => scheduled(keyboard)).toBe('2030-03-15T15:30:00.000Z');
    await calendar.locator(`td[data-day="2030-03-15"] li[data-post="${keyboard}"]`).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('a day that has passed is refused on the page (Herald would send the post at once), and the post stays', async () => {
    const c = await s.t.request('POST', '/api/post', {
      post: 'Not into the past',
      platforms: ['bluesky'],
      scheduleDate: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    });
    const id = c.body.id as string;
    const before = await scheduled(id);
    await page.reload();
    await page.getByRole('navigation', { name: 'Dashboard' }).waitFor();
    await open(page, 'Queue');
    await page.getByLabel('Calendar time zone').selectOption('UTC');
    // The calendar opens on the first post's month: this one's, the soonest.
    // Picked up, then put on yesterday (last month's page when today is the 1st).
    await calendar.locator(`li[data-post="${id}"] button`).click();
    const yesterday = new Date(Date.now() - 86_400_000);
    if (yesterday.getUTCMonth() !== new Date(before).getUTCMonth())
      await page.getByRole('button', { name: 'Previous month' }).click();
    const name = yesterday.toLocaleDateString('en-US', { dateStyle: 'full', timeZone: 'UTC' });
    await page.getByRole('button', { name: `Move to ${name}` }).click();
    // Herald would send it at once (PATCH moves a past date to now): the calendar does not ask.
    await page
      .getByRole('status')
      .filter({ hasText: `Not moved: ${name} at` })
      .waitFor();
    expect(await scheduled(id)).toBe(before);
    expect((await s.t.request('GET', `/api/post/${id}`)).body.status).toBe('scheduled');
  });
});
