import type { BrowserContext, Page } from 'playwright-core';
import { dashboardBuilt } from '../../src/dashboard/build.ts';
import { type LaunchedChromium, launchChromium } from '../helpers/chromium.ts';
import { API_KEY, linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.ts';

/**
 * What the dashboard's browser tests share: the bundle built from the current sources,
 * a listening Herald whose primary profile has sandbox Bluesky and LinkedIn accounts,
 * a webhook receiver on loopback, and Debian's Chromium.
 */
export interface DashboardSession {
  t: TestHerald;
  url: string;
  receiver: WebhookReceiver;
  chromium: LaunchedChromium;
  /** Uncaught errors of the dashboard's pages: a test ends with none. */
  pageErrors: string[];
  close(): Promise<void>;
}

export async function startDashboardSession(): Promise<DashboardSession> {
  // Built once per run by test/setup/dashboard-global.ts.
  if (!dashboardBuilt()) throw new Error('dist/dashboard-bundle is missing: the global setup builds it');
  const receiver = await startWebhookReceiver();
  // Loopback allowed for media checks and webhook deliveries (both refuse it by default).
  const t = await startTestHerald({ listen: true, env: { HERALD_MEDIA_ALLOW: '127.0.0.1' } });
  await linkSandbox(t, ['bluesky', 'linkedin']);
  // A reader in UTC with US English: dates on the page (and in screenshots) do not depend on the machine.
  const chromium = await launchChromium({ timezoneId: 'UTC', locale: 'en-US' });
  const pageErrors: string[] = [];
  chromium.context.on('weberror', (err) => pageErrors.push(err.error().message));
  return {
    t,
    url: t.herald.url ?? '',
    receiver,
    chromium,
    pageErrors,
    close: async () => {
      await chromium.close();
      await t.stop();
      await receiver.close();
    },
  };
}

/** A new tab signed in through the sign-in form. */
export async function signedInPage(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  // A step that cannot happen fails within the test's own time, naming the step.
  page.setDefaultTimeout(10_000);
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.goto(`${url}/app`);
  await page.getByLabel('API key').fill(API_KEY);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Dashboard' }).waitFor();
  return page;
}

/** Goes to a page by its navigation link and waits for its heading. */
export async function open(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: label }).click();
  await page.getByRole('heading', { level: 1, name: label }).waitFor();
}
