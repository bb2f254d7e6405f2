import { type FakeTelegram, startFakeTelegram } from './fake-telegram.ts';
import type { FakeBot, FakeChat } from './state.ts';

/** A fake Telegram with one bot, administrator (may post) of one public channel. */
export interface TelegramWorld {
  fake: FakeTelegram;
  bot: FakeBot;
  channel: FakeChat;
  /** What POST /api/accounts takes to post to the channel. */
  credentials: Record<string, unknown>;
}

export const BOT_TOKEN = '7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';

export async function startTelegramWorld(): Promise<TelegramWorld> {
  const fake = await startFakeTelegram();
  const bot = fake.addBot({
    id: 7_012_345_678,
    token: BOT_TOKEN,
    username: 'herald_test_bot',
    firstName: 'Herald',
  });
  const channel = fake.addChat({
    id: -1_001_234_567_890,
    type: 'channel',
    title: 'Herald News',
    username: 'heraldnews',
    members: new Map([[bot.id, { status: 'administrator', canPostMessages: true, canDeleteMessages: true }]]),
  });
  return { fake, bot, channel, credentials: { botToken: BOT_TOKEN, chatId: '@heraldnews' } };
}
