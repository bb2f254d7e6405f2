import { randomUUID } from 'node:crypto';
import { type AddressInfo, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkedAccountOf, testContext } from '../../../test/contract/connector-contract.ts';
import { BOT_TOKEN, startTelegramWorld, type TelegramWorld } from '../../../test/fakes/telegram/fixtures.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import type { LinkedAccount, MediaItem, PublishInput, PublishOutcome } from '../types.ts';
import { telegramConnector as telegram } from './connector.ts';

let world: TelegramWorld;
let account: LinkedAccount;
let nowhere: string;
const SECRET = BOT_TOKEN.split(':')[1] as string;

beforeAll(async () => {
  world = await startTelegramWorld();
  account = linkedAccountOf(await telegram.verifyCredentials(world.credentials, testContext(world.fake.url)));
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  nowhere = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await new Promise((resolve) => server.close(resolve));
});
afterAll(async () => {
  await world?.fake.close();
});

function input(text: string, media: MediaItem[] = [], on: LinkedAccount = account): PublishInput {
  return { targetId: randomUUID(), text, media, options: {}, account: on };
}

async function linkError(credentials: Record<string, unknown>, url = world.fake.url): Promise<HeraldError> {
  const error = await telegram.verifyCredentials(credentials, testContext(url)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(HeraldError);
  expect(JSON.stringify((error as HeraldError).spec)).not.toContain(SECRET);
  return error as HeraldError;
}

function published(outcome: PublishOutcome): Extract<PublishOutcome, { kind: 'published' }> {
  if (outcome.kind !== 'published') throw new Error(`expected published, got ${JSON.stringify(outcome)}`);
  return outcome;
}

describe('verifyCredentials', () => {
  it('checks the bot (getMe), the chat (getChat) and its right to post (getChatMember)', async () => {
    const before = world.fake.calls.length;
    const verified = await telegram.verifyCredentials(world.credentials, testContext(world.fake.url));
    expect(verified).toEqual({
      externalId: '-1001234567890',
      username: 'heraldnews',
      displayName: 'Herald News',
      profileUrl: 'https://t.me/heraldnews',
      credentials: { botToken: BOT_TOKEN, chatId: '-1001234567890', bot: 'herald_test_bot' },
    });
    expect(world.fake.calls.slice(before).map((c) => c.method)).toEqual([
      'getMe',
      'getChat',
      'getChatMember',
    ]);
  });

  it.each([
    ['a wrong token', { botToken: '7012345678:AAnotTheRightSecretAtAll0123456789' }, '401: Unauthorized'],
    ['an unknown chat', { chatId: '@nosuchchannel' }, '400: Bad Request: chat not found'],
    ['no chat id', { chatId: '' }, 'chatId is required'],
    [
      'a token with a path in it',
      { botToken: `${BOT_TOKEN}/../x` },
      'botToken must look like 123456789:AA… (the token @BotFather gave)',
    ],
  ])('refuses %s with 613', async (_label, change, details) => {
    const error = await linkError({ ...world.credentials, ...change });
    expect(error.spec).toEqual({ code: 613, params: { platformName: 'Telegram' }, details });
  });

  it('refuses a channel where the bot may not post, and names the missing right', async () => {
    world.fake.addChat({
      id: -1_001_000_000_001,
      type: 'channel',
      title: 'Read only',
      username: 'readonlychan',
      members: new Map([[world.bot.id, { status: 'administrator', canPostMessages: false }]]),
    });
    const error = await linkError({ ...world.credentials, chatId: '@readonlychan' });
    expect(error.spec.details).toBe(
      '@herald_test_bot must be an administrator of the channel with the right to post messages (it is administrator without can_post_messages)',
    );
  });

  it('links a private supergroup by numeric id; a group the bot left is refused', async () => {
    world.fake.addChat({
      id: -1_009_876_543_210,
      type: 'supergroup',
      title: 'Team room',
      members: new Map([[world.bot.id, { status: 'member' }]]),
    });
    const verified = await telegram.verifyCredentials(
      { ...world.credentials, chatId: '-1009876543210' },
      testContext(world.fake.url),
    );
    expect(verified).toMatchObject({
      username: '-1009876543210',
      profileUrl: 'https://web.telegram.org/a/#-1009876543210',
    });
    world.fake.addChat({ id: -1_005_555_555_555, type: 'supergroup', title: 'Left', username: 'leftgroup' });
    const error = await linkError({ ...world.credentials, chatId: '@leftgroup' });
    expect(error.spec.details).toBe(
      '@herald_test_bot must be a member of the group allowed to send messages (it is left)',
    );
  });

  it('names the new chat id of a group upgraded to a supergroup', async () => {
    world.fake.addChat({ id: -4_000_000_001, type: 'group', title: 'Old', migratedTo: -1_004_000_000_001 });
    const error = await linkError({ ...world.credentials, chatId: '-4000000001' });
    expect(error.spec).toMatchObject({
      code: 613,
      details: expect.stringContaining('chatId -1004000000001'),
    });
  });

  it('answers 625 when Telegram cannot be reached', async () => {
    const error = await linkError(world.credentials, nowhere);
    expect(error.spec).toMatchObject({ code: 625, details: expect.stringContaining('ECONNREFUSED') });
  });
});

describe('publish', () => {
  it('sends plain text with sendMessage and links the public channel’s message', async () => {
    const text = `Herald <b>not html</b> *not markdown* ${randomUUID()}`;
    const outcome = published(await telegram.publish(input(text), testContext(world.fake.url)));
    const message = world.fake.messagesIn(world.channel.id).at(-1);
    expect(message?.text).toBe(text);
    expect(outcome).toEqual({
      kind: 'published',
      id: String(message?.messageId),
      postUrl: `https://t.me/heraldnews/${message?.messageId}`,
      progress: { chatId: '-1001234567890', messageIds: [message?.messageId], date: message?.date },
    });
    expect(world.fake.calls.at(-1)?.params).toEqual({ chat_id: '-1001234567890', text });
  });

  it('sends one photo or one video by URL with the text as caption', async () => {
    const ctx = testContext(world.fake.url);
    published(
      await telegram.publish(input('a photo', [{ url: 'https://cdn.test/a.jpg', kind: 'image' }]), ctx),
    );
    expect(world.fake.calls.at(-1)).toMatchObject({
      method: 'sendPhoto',
      params: { photo: 'https://cdn.test/a.jpg', caption: 'a photo' },
    });
    published(await telegram.publish(input('', [{ url: 'https://cdn.test/a.mp4', kind: 'video' }]), ctx));
    expect(world.fake.calls.at(-1)).toMatchObject({
      method: 'sendVideo',
      params: { video: 'https://cdn.test/a.mp4' },
    });
    expect(world.fake.calls.at(-1)?.params).not.toHaveProperty('caption');
  });

  it('sends 2–10 items as one album: the first message is the post, every id is kept for delete', async () => {
    const ctx = testContext(world.fake.url);
    const media: MediaItem[] = [
      { url: 'https://cdn.test/1.jpg', kind: 'image' },
      { url: 'https://cdn.test/2.mp4', kind: 'video' },
      { url: 'https://cdn.test/3.png', kind: 'image' },
    ];
    const outcome = published(await telegram.publish(input('album', media), ctx));
    const sent = world.fake.messagesIn(world.channel.id).slice(-3);
    expect(sent.map((m) => m.caption)).toEqual(['album', undefined, undefined]);
    expect(new Set(sent.map((m) => m.mediaGroupId)).size).toBe(1);
    const ids = sent.map((m) => m.messageId);
    expect(outcome).toMatchObject({ id: String(ids[0]), extra: { messageIds: ids.map(String) } });
    // Kept by the settle (the outcome carries it), not saved by the connector.
    expect(outcome.progress).toMatchObject({ chatId: '-1001234567890', messageIds: ids });
    expect(ctx.progress.load()).toBeNull();
  });

  it('refuses a caption over 1,024 characters with media before any call', async () => {
    const calls = world.fake.calls.length;
    const outcome = await telegram.publish(
      input('a'.repeat(1025), [{ url: 'https://cdn.test/a.jpg', kind: 'image' }]),
      testContext(world.fake.url),
    );
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 132, params: { limit: 1024 } } });
    expect(world.fake.calls.length).toBe(calls);
  });

  it('waits parameters.retry_after after a 429 (nothing was sent)', async () => {
    world.fake.script({
      method: 'POST',
      path: '/sendMessage',
      reply: {
        status: 429,
        body: {
          ok: false,
          error_code: 429,
          description: 'Too Many Requests: retry after 35',
          parameters: { retry_after: 35 },
        },
      },
    });
    const before = world.fake.messagesIn(world.channel.id).length;
    const outcome = await telegram.publish(input('busy'), testContext(world.fake.url));
    expect(outcome).toMatchObject({
      kind: 'failed',
      error: { code: 624, params: { retryAfter: 35 } },
      retryAfterMs: 35_000,
    });
    expect(world.fake.messagesIn(world.channel.id).length).toBe(before);
  });

  it('a migrated group: 623 naming the new chat id; a kicked bot: 623 with Telegram’s words', async () => {
    const old = world.fake.addChat({
      id: -4_000_000_002,
      type: 'group',
      title: 'Old',
      members: new Map([[world.bot.id, { status: 'member' }]]),
    });
    const linked = linkedAccountOf(
      await telegram.verifyCredentials(
        { ...world.credentials, chatId: String(old.id) },
        testContext(world.fake.url),
      ),
    );
    old.migratedTo = -1_004_000_000_002;
    expect(await telegram.publish(input('hi', [], linked), testContext(world.fake.url))).toMatchObject({
      kind: 'failed',
      error: { code: 623, details: expect.stringContaining('chatId -1004000000002') },
    });
    old.migratedTo = undefined;
    old.members.set(world.bot.id, { status: 'kicked' });
    expect(await telegram.publish(input('hi', [], linked), testContext(world.fake.url))).toMatchObject({
      kind: 'failed',
      error: { code: 623, details: '403: Forbidden: bot was kicked from the group chat' },
    });
  });

  it('a chat that is gone ("chat not found" on a send): 623, link again (no change to the text can help)', async () => {
    const gone = world.fake.addChat({
      id: -4_000_000_003,
      type: 'group',
      title: 'Soon deleted',
      members: new Map([[world.bot.id, { status: 'member' }]]),
    });
    const linked = linkedAccountOf(
      await telegram.verifyCredentials(
        { ...world.credentials, chatId: String(gone.id) },
        testContext(world.fake.url),
      ),
    );
    world.fake.chats.splice(world.fake.chats.indexOf(gone), 1);
    const outcome = await telegram.publish(input('hi', [], linked), testContext(world.fake.url));
    expect(outcome).toMatchObject({
      kind: 'failed',
      error: { code: 623, details: '400: Bad Request: chat not found' },
    });
    expect(outcome).not.toHaveProperty('retryAfterMs');
  });

  it('a lost answer is unknown (the message exists, Telegram cannot be asked): never failed-and-retried', async () => {
    const ctx = testContext(world.fake.url);
    world.fake.loseAnswer('sendMessage');
    const before = world.fake.messagesIn(world.channel.id).length;
    const outcome = await telegram.publish(input('lost'), ctx);
    expect(outcome).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('sendMessage') });
    expect(world.fake.messagesIn(world.channel.id).length).toBe(before + 1);
    expect(telegram.reconcile).toBeUndefined();
    expect(JSON.stringify(outcome)).not.toContain(SECRET);
  });

  it('a 5xx on a send is unknown too; a refused connection is a retryable 625', async () => {
    world.fake.script({
      method: 'POST',
      path: '/sendMessage',
      reply: { status: 502, body: '<html>Bad Gateway</html>' },
    });
    expect(await telegram.publish(input('gateway'), testContext(world.fake.url))).toEqual({
      kind: 'unknown',
      reason: '502: HTTP 502: Bad Gateway',
    });
    const refused = await telegram.publish(input('offline'), testContext(nowhere));
    expect(refused).toMatchObject({ kind: 'failed', error: { code: 625 }, retryAfterMs: 30_000 });
    expect(JSON.stringify(refused)).not.toContain(SECRET);
  });

  it('links a private supergroup’s message with t.me/c/', async () => {
    const room = world.fake.addChat({
      id: -1_003_333_333_333,
      type: 'supergroup',
      title: 'Room',
      members: new Map([[world.bot.id, { status: 'member' }]]),
    });
    const linked = linkedAccountOf(
      await telegram.verifyCredentials(
        { ...world.credentials, chatId: String(room.id) },
        testContext(world.fake.url),
      ),
    );
    const outcome = published(
      await telegram.publish(input('in the room', [], linked), testContext(world.fake.url)),
    );
    expect(outcome.postUrl).toBe(`https://t.me/c/3333333333/${outcome.id}`);
  });
});

describe('delete', () => {
  it('deletes every message of an album with deleteMessages', async () => {
    const ctx = testContext(world.fake.url);
    const media: MediaItem[] = [
      { url: 'https://cdn.test/1.jpg', kind: 'image' },
      { url: 'https://cdn.test/2.jpg', kind: 'image' },
    ];
    const outcome = published(await telegram.publish(input('to delete', media), ctx));
    const before = world.fake.messagesIn(world.channel.id).length;
    const progress = outcome.progress;
    expect(await telegram.delete?.({ id: outcome.id, account, progress }, ctx)).toEqual({ kind: 'deleted' });
    expect(world.fake.calls.at(-1)?.method).toBe('deleteMessages');
    expect(world.fake.messagesIn(world.channel.id).length).toBe(before - 2);
  });

  it('past 48 hours: 619, delete it in the app; a message already gone: 621 with Telegram’s words', async () => {
    const ctx = testContext(world.fake.url);
    const outcome = published(await telegram.publish(input('old news'), ctx));
    const progress = outcome.progress;
    // 49 hours later, for Telegram (its clock) and for Herald (the send date it kept).
    world.fake.clockOffsetS = 49 * 3600;
    const aged = { ...progress, date: (progress?.date as number) - 49 * 3600 };
    try {
      const late = await telegram.delete?.({ id: outcome.id, account, progress: aged }, ctx);
      expect(late).toMatchObject({
        kind: 'failed',
        error: { code: 619, details: expect.stringContaining('within 48 hours') },
      });
    } finally {
      world.fake.clockOffsetS = 0;
    }
    expect(await telegram.delete?.({ id: outcome.id, account, progress }, ctx)).toEqual({ kind: 'deleted' });
    expect(await telegram.delete?.({ id: outcome.id, account, progress }, ctx)).toMatchObject({
      kind: 'failed',
      error: { code: 621, details: '400: Bad Request: message to delete not found' },
    });
  });

  it('Telegram’s own refusal to delete ("can’t be deleted for everyone"): 619, as the README promises', async () => {
    const ctx = testContext(world.fake.url);
    const outcome = published(await telegram.publish(input('keep me'), ctx));
    const progress = outcome.progress;
    const rights = world.channel.members.get(world.bot.id);
    // The bot lost its rights in the channel after posting: Telegram refuses, whatever the age.
    world.channel.members.set(world.bot.id, { status: 'administrator', canPostMessages: false });
    try {
      expect(await telegram.delete?.({ id: outcome.id, account, progress }, ctx)).toEqual({
        kind: 'failed',
        error: {
          code: 619,
          platform: 'telegram',
          params: { platformName: 'Telegram' },
          details: "400: Bad Request: message can't be deleted for everyone",
        },
      });
    } finally {
      if (rights) world.channel.members.set(world.bot.id, rights);
    }
    expect(await telegram.delete?.({ id: outcome.id, account, progress }, ctx)).toEqual({ kind: 'deleted' });
  });
});
