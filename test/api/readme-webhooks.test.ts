import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';
import { startWebhookReceiver, until, type WebhookReceiver } from '../helpers/webhook-receiver.ts';

/**
 * The README's Webhooks example, run as written: its curl commands are read from the
 * README (path and body; the receiver's port and the `$(date …)` are the only things
 * replaced), so the example and this test cannot drift apart.
 */

function readmeSteps(): { path: string; body: string | undefined }[] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const block = readme.split('\n## Webhooks\n')[1]?.split('```sh')[1]?.split('```')[0];
  if (!block) throw new Error('README: the Webhooks example is missing');
  return block
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .filter((line) => line.startsWith('curl '))
    .map((command) => ({
      path: /localhost:3000(\/\S*)/.exec(command)?.[1] ?? '',
      body: /-d '(.*)'$/.exec(command)?.[1],
    }));
}

let t: TestHerald;
let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
  t = await startTestHerald({ env: { HERALD_MEDIA_ALLOW: '127.0.0.1' } });
  await linkSandbox(t, ['facebook']);
});
afterAll(async () => {
  await t?.stop();
  await receiver?.close();
});

describe('the README Webhooks example', () => {
  it('registers, schedules a post, the receiver gets it signed, deliveries shows it delivered', async () => {
    const [register, post, deliveries] = readmeSteps();
    expect([register?.path, post?.path, deliveries?.path]).toEqual([
      '/api/hook/webhook',
      '/api/post',
      '/api/hook/deliveries',
    ]);
    const registration = JSON.parse(
      String(register?.body).replace('http://127.0.0.1:4000', receiver.url),
    ) as { secret: string };
    expect((await t.request('POST', String(register?.path), registration)).status).toBe(200);
    const soon = new Date(Date.now() + 1500).toISOString();
    const body = JSON.parse(String(post?.body).replace(/'"\$\(date [^)]*\)"'/, soon));
    const posted = await t.request('POST', String(post?.path), body);
    expect(posted.body.status).toBe('scheduled');

    await until(() => receiver.received.length === 1, 'the scheduled event');
    const got = receiver.received[0];
    expect(got?.json).toMatchObject({ action: 'scheduled', id: posted.body.id, status: 'success' });
    const secret = registration.secret;
    expect(got?.headers['x-authorization-content-sha256']).toBe(
      createHmac('sha256', secret).update(String(got?.body)).digest('hex'),
    );
    const standard = new Webhook(`whsec_${Buffer.from(secret).toString('base64')}`);
    expect(standard.verify(String(got?.body), got?.headers as Record<string, string>)).toEqual(got?.json);

    await until(async () => {
      const list = await t.request('GET', String(deliveries?.path));
      return (list.body.deliveries as { status: string }[])[0]?.status === 'delivered';
    }, 'the delivered status');
  });
});
