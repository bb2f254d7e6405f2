import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../../test/helpers/webhook-receiver.ts';
import { parseAllowList } from '../media/allow-list.ts';
import { apiFetch } from '../media/api-fetch.ts';
import { systemResolver } from '../media/url-decision.ts';
import { sendWebhook } from './send.ts';

/** One attempt against a real loopback receiver, through the real SSRF-safe fetcher. */

let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver.close());

const allowed = apiFetch({
  allow: parseAllowList('127.0.0.1').allow,
  resolve: systemResolver,
  timeoutMs: 5000,
});
const strict = apiFetch({ allow: parseAllowList('').allow, resolve: systemResolver, timeoutMs: 5000 });
const request = (path: string) => ({
  url: `${receiver.url}${path}`,
  headers: { 'webhook-id': 'evt_1' },
  body: '{}',
});

describe('one delivery attempt', () => {
  it.each([
    [200, true, null],
    [299, true, null],
    [301, false, 'redirects are not followed'],
    [404, false, 'HTTP 404'],
    [500, false, 'HTTP 500'],
  ] as const)('HTTP %i → ok %s', async (status, ok, words) => {
    const headers: Record<string, string> = status === 301 ? { location: '/x' } : {};
    receiver.answer = () => ({ status, headers });
    const result = await sendWebhook(allowed, request(`/s${status}`), { timeoutMs: 2000, httpsOnly: false });
    expect(result.ok).toBe(ok);
    expect(result.statusCode).toBe(status);
    if (words) expect(result.error).toContain(words);
    else expect(result.error).toBeNull();
  });

  it('no answer within the bound is a failure naming it', async () => {
    receiver.answer = () => ({ status: 200, hang: true });
    const result = await sendWebhook(allowed, request('/hang'), { timeoutMs: 300, httpsOnly: false });
    expect(result).toEqual({ ok: false, statusCode: null, error: 'no answer within 300 ms' });
  });

  it('a loopback address not allowlisted is never connected to', async () => {
    const before = receiver.received.length;
    const result = await sendWebhook(strict, request('/private'), { timeoutMs: 2000, httpsOnly: false });
    expect(result).toMatchObject({ ok: false, statusCode: null, error: expect.stringContaining('not sent') });
    expect(receiver.received.length).toBe(before);
  });

  it('plain http is not sent in production, even to an allowlisted host', async () => {
    const before = receiver.received.length;
    const result = await sendWebhook(allowed, request('/prod'), { timeoutMs: 2000, httpsOnly: true });
    expect(result.error).toContain('https is required');
    expect(receiver.received.length).toBe(before);
  });

  it('sends the JSON body with its headers', async () => {
    receiver.answer = () => ({ status: 204 });
    await sendWebhook(allowed, request('/shape'), { timeoutMs: 2000, httpsOnly: false });
    const got = receiver.at('/shape')[0];
    expect(got?.headers['content-type']).toBe('application/json');
    expect(got?.headers['webhook-id']).toBe('evt_1');
    expect(got?.body).toBe('{}');
  });
});
