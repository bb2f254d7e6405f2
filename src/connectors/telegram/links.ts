import type { TelegramChat } from './wire.ts';

/**
 * Links to a chat and to a message. A public chat has `t.me/<username>/<id>`; a private
 * channel or supergroup (`-100…`) has `t.me/c/<id without -100>/<id>`, which opens for
 * its members. A basic group or a private chat has no message link: the link opens the
 * chat in Telegram Web instead.
 */

const PRIVATE_SUPERGROUP = /^-100(\d+)$/;

function webChat(chat: TelegramChat): string {
  return `https://web.telegram.org/a/#${chat.id}`;
}

export function chatUrl(chat: TelegramChat): string {
  return chat.username ? `https://t.me/${chat.username}` : webChat(chat);
}

export function messageUrl(chat: TelegramChat, messageId: number): string {
  if (chat.username) return `https://t.me/${chat.username}/${messageId}`;
  const internal = PRIVATE_SUPERGROUP.exec(String(chat.id))?.[1];
  return internal ? `https://t.me/c/${internal}/${messageId}` : webChat(chat);
}
