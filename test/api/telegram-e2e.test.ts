import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_TOKEN, startTelegramWorld, type TelegramWorld } from '../fakes/telegram/fixtures.ts';
import { attemptsOf } from '../helpers/attempts.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';
import { type MediaServer, startMediaServer, TINY_JPEG } from '../helpers/media-server.ts';

/** Telegram end to end: Herald's API and worker against the fake Bot API on loopback. */

let world: TelegramWorld;
let media: MediaServer;
let t: TestHerald;
const logs: string[] = [];
const SECRET = BOT_TOKEN.split(':')[1] as string;

beforeAll(async () => {
  world = await startTelegramWorld();
  media = await startMediaServer({ '/photo.jpg': { body: TINY_JPEG, type: 'image/jpeg' } });
  t = await startTestHerald({
    env: { HERALD_TELEGRAM_API_URL: world.fake.url, HERALD_MEDIA_ALLOW: '127.0.0.1' },
    logTo: (line) => logs.push(line),
  });
});
afterAll(async () => {
  await t?.stop();
  await world?.fake.close();
  await media?.close();
});

type Body = Record<string, unknown>;

function post(text: string, extra: Body = {}) {
  return t.request('POST', '/api/post', { post: text, platforms: ['telegram'], ...extra });
}

const firstError = (body: Body) => (body.errors as Body[])[0] as Body;
const postIdOf = (body: Body) => (body.postIds as Body[])[0]?.id as string;
const channelMessages = () => world.fake.messagesIn(world.channel.id);

describe('Telegram through POST /api/post', () => {
  it('links a channel after getMe, getChat and getChatMember (613 for a token Telegram refuses)', async () => {
    const wrong = await t.request('POST', '/api/accounts', {
      platform: 'telegram',
      credentials: { ...world.credentials, botToken: '7012345678:AAnotTheRightSecretAtAll0123456789' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ code: 613, action: 'link', details: '401: Unauthorized' });
    const res = await t.request('POST', '/api/accounts', {
      platform: 'telegram',
      credentials: world.credentials,
    });
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({
      platform: 'telegram',
      id: '-1001234567890',
      displayName: 'Herald News',
    });
  });

  it('publishes text and a photo (Telegram fetches the URL); DELETE /api/post removes the message', async () => {
    const text = `Hello channel ${randomUUID()}`;
    const res = await post(text);
    expect(res.status).toBe(200);
    const id = postIdOf(res.body);
    expect(res.body.postIds).toEqual([
      { status: 'success', id, postUrl: `https://t.me/heraldnews/${id}`, platform: 'telegram' },
    ]);
    expect(channelMessages().at(-1)).toMatchObject({ messageId: Number(id), text });

    const photo = await post('With a photo', { mediaUrls: [media.url('/photo.jpg')] });
    expect(photo.status).toBe(200);
    expect(channelMessages().at(-1)).toMatchObject({
      photo: media.url('/photo.jpg'),
      caption: 'With a photo',
    });

    const deleted = await t.request('DELETE', '/api/post', { id: res.body.id });
    expect(deleted.status).toBe(200);
    expect(deleted.body.telegram).toMatchObject({ action: 'delete', status: 'success', id });
    expect(channelMessages().map((m) => m.messageId)).not.toContain(Number(id));
  });

  it('an album keeps every message id with its settle; DELETE /api/post removes them all', async () => {
    const photo = media.url('/photo.jpg');
    const res = await post(`Album ${randomUUID()}`, { mediaUrls: [photo, photo] });
    expect(res.status).toBe(200);
    const sent = channelMessages().slice(-2);
    expect(new Set(sent.map((m) => m.mediaGroupId)).size).toBe(1);
    const ids = sent.map((m) => m.messageId);
    // The connector saves nothing after the send: the settle's statement writes the ids.
    const { rows } = await t.herald.app.pool.query<{ state: string; progress: Body | null }>(
      'SELECT state, progress FROM targets WHERE post_id = $1',
      [res.body.id],
    );
    expect(rows).toEqual([
      {
        state: 'published',
        progress: expect.objectContaining({ chatId: String(world.channel.id), messageIds: ids }),
      },
    ]);
    const deleted = await t.request('DELETE', '/api/post', { id: res.body.id });
    expect(deleted.status).toBe(200);
    const left = channelMessages().map((m) => m.messageId);
    for (const messageId of ids) expect(left).not.toContain(messageId);
  });

  it('a caption over 1,024 characters with media is refused at request time (132), nothing stored', async () => {
    const posts = await t.count('posts');
    const res = await post('a'.repeat(1100), { mediaUrls: [media.url('/photo.jpg')] });
    expect(res.status).toBe(400);
    expect(firstError(res.body)).toMatchObject({
      code: 132,
      platform: 'telegram',
      message: 'The post is too long for Telegram: 1100 of at most 1024 characters (a caption with media).',
    });
    expect(await t.count('posts')).toBe(posts);
  });

  it('a bot removed from the channel: 623 relink; once it is back, a retry publishes exactly once', async () => {
    const rights = world.channel.members.get(world.bot.id);
    world.channel.members.set(world.bot.id, { status: 'left' });
    const text = `After the bot is back ${randomUUID()}`;
    const res = await post(text);
    expect(res.status).toBe(401);
    expect(firstError(res.body)).toMatchObject({
      code: 623,
      platform: 'telegram',
      details: '403: Forbidden: bot is not a member of the channel chat',
    });
    if (rights) world.channel.members.set(world.bot.id, rights);
    const retried = await t.request('PUT', '/api/post/retry', { id: res.body.id });
    expect(retried.status).toBe(200);
    const again = await t.request('PUT', '/api/post/retry', { id: res.body.id });
    expect(again.body).toMatchObject({ code: 615 });
    expect(channelMessages().filter((m) => m.text === text)).toHaveLength(1);
  });

  it('a 429 is waited out for retry_after seconds, then sent once', async () => {
    world.fake.script({
      method: 'POST',
      path: '/sendMessage',
      reply: {
        status: 429,
        body: {
          ok: false,
          error_code: 429,
          description: 'Too Many Requests: retry after 1',
          parameters: { retry_after: 1 },
        },
      },
    });
    const sends = world.fake.count('sendMessage');
    const text = `After a short break ${randomUUID()}`;
    const res = await post(text);
    expect(res.status).toBe(200);
    expect(world.fake.count('sendMessage')).toBe(sends + 2);
    expect(channelMessages().filter((m) => m.text === text)).toHaveLength(1);
    expect(await attemptsOf(t, res.body.id as string)).toEqual([
      { number: 1, outcome: 'retry', error_code: 624 },
      { number: 2, outcome: 'published', error_code: null },
    ]);
  });

  it('a lost answer leaves the post unconfirmed (626): Telegram cannot be asked, so it is never re-sent', async () => {
    world.fake.loseAnswer('sendMessage');
    const sends = world.fake.count('sendMessage');
    const text = `Lost in transit ${randomUUID()}`;
    const res = await post(text);
    expect(firstError(res.body)).toMatchObject({ code: 626, platform: 'telegram' });
    expect(world.fake.count('sendMessage')).toBe(sends + 1);
    expect(channelMessages().filter((m) => m.text === text)).toHaveLength(1);
    // A plain retry leaves it alone; only includeUnconfirmed (the user checked the channel) sends again.
    const retry = await t.request('PUT', '/api/post/retry', { id: res.body.id });
    expect(retry.body).toMatchObject({ code: 615 });
    expect(world.fake.count('sendMessage')).toBe(sends + 1);
  });

  it('the bot token is in no log line and no row but the sealed credentials', async () => {
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join('\n')).not.toContain(SECRET);
    let dump = '';
    for (const table of ['posts', 'targets', 'attempts', 'graphile_worker._private_jobs']) {
      dump += JSON.stringify((await t.herald.app.pool.query(`SELECT * FROM ${table}`)).rows);
    }
    expect(dump).not.toContain(SECRET);
    const accounts = JSON.stringify((await t.herald.app.pool.query('SELECT * FROM accounts')).rows);
    expect(accounts).not.toContain(SECRET);
  });
});
