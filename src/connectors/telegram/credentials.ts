/** What Herald stores for a Telegram account (encrypted by the core). */
export interface TelegramCredentials {
  botToken: string;
  /** `@channelname` as linked, then the numeric id Telegram answered (stable across renames). */
  chatId: string;
}

// <bot id>:<secret>. Checked before the token goes into a URL path: a `/`, `?` or `#`
// would change which URL is called.
const TOKEN = /^\d+:[A-Za-z0-9_-]+$/;
const CHAT = /^(@[A-Za-z][A-Za-z0-9_]{3,31}|-?\d+)$/;

/** Credentials as sent or stored; a string names the problem (never the token itself). */
export function parseCredentials(raw: Readonly<Record<string, unknown>>): TelegramCredentials | string {
  const botToken = typeof raw.botToken === 'string' ? raw.botToken.trim() : '';
  const chatId =
    typeof raw.chatId === 'string' || typeof raw.chatId === 'number' ? String(raw.chatId).trim() : '';
  if (!botToken) return 'botToken is required';
  if (!TOKEN.test(botToken)) return 'botToken must look like 123456789:AA… (the token @BotFather gave)';
  if (!chatId) return 'chatId is required';
  if (!CHAT.test(chatId))
    return `chatId must be @channelname or a numeric chat id such as -1001234567890, got ${JSON.stringify(chatId.slice(0, 40))}`;
  return { botToken, chatId };
}
