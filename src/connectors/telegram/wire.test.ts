import { describe, expect, it } from 'vitest';
import { BOT_TOKEN } from '../../../test/fakes/telegram/fixtures.ts';
import { RequestNotBuiltError } from '../shared/wire.ts';
import { TelegramClient } from './client.ts';
import { redact } from './wire.ts';

describe('redact', () => {
  it.each([
    [
      `Failed to parse URL from http://x/bot${BOT_TOKEN}/getMe`,
      'Failed to parse URL from http://x/bot<bot token>/getMe',
    ],
    ['connect ECONNREFUSED 127.0.0.1:9', 'connect ECONNREFUSED 127.0.0.1:9'],
    // Another bot's token (not the one in use) is removed by its shape.
    ['/bot123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ012345/sendMessage', '/bot<bot token>/sendMessage'],
  ])('%s', (text, expected) => {
    expect(redact(text, BOT_TOKEN)).toBe(expected);
  });
});

describe('TelegramClient failures carry no token', () => {
  it('a fetch that throws with the URL in its message', async () => {
    const throwing = (async (resource: Parameters<typeof fetch>[0]) => {
      throw new TypeError(`Failed to parse URL from ${String(resource)}`);
    }) as typeof fetch;
    // A request fetch could not build is thrown (shared/wire.ts), in words of Herald's own.
    const thrown = await new TelegramClient('http://127.0.0.1:9', BOT_TOKEN, throwing)
      .getMe()
      .catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(RequestNotBuiltError);
    expect(String((thrown as Error).message)).not.toContain(BOT_TOKEN.split(':')[1]);
  });

  it('a network failure that names the URL', async () => {
    const failing = (async (resource: Parameters<typeof fetch>[0]) => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error(`connect ECONNREFUSED for ${String(resource)}`), {
          code: 'ECONNREFUSED',
        }),
      });
    }) as typeof fetch;
    const answer = await new TelegramClient('http://127.0.0.1:9', BOT_TOKEN, failing).getMe();
    expect(answer.ok).toBe(false);
    expect(JSON.stringify(answer)).not.toContain(BOT_TOKEN.split(':')[1]);
    expect(answer).toMatchObject({
      failure: { kind: 'network', reason: expect.stringContaining('getMe: fetch failed') },
    });
  });

  it('a body that echoes the URL', async () => {
    const echo = (async (resource: Parameters<typeof fetch>[0]) =>
      new Response(`<html>No route for ${String(resource)}</html>`, { status: 502 })) as typeof fetch;
    const answer = await new TelegramClient('http://127.0.0.1:9', BOT_TOKEN, echo).getMe();
    expect(JSON.stringify(answer)).not.toContain(BOT_TOKEN.split(':')[1]);
    expect(answer).toMatchObject({ failure: { kind: 'telegram', status: 502, description: 'HTTP 502' } });
  });
});
