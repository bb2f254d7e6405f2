import type { Reply } from '../http.ts';
import { type FakeBot, type FakeChat, type FakeMember, type TelegramState, tgError } from './state.ts';

/** Resolving `chat_id` and the bot's right to read, post and delete there (platform-apis.md §13). */

export function findChat(state: TelegramState, chatId: unknown): FakeChat | Reply {
  const key = typeof chatId === 'number' ? String(chatId) : typeof chatId === 'string' ? chatId : '';
  const chat = key.startsWith('@')
    ? state.chats.find((c) => c.username?.toLowerCase() === key.slice(1).toLowerCase())
    : state.chats.find((c) => String(c.id) === key);
  if (!chat) return tgError(400, 'Bad Request: chat not found');
  if (chat.migratedTo !== undefined) {
    return tgError(400, 'Bad Request: group chat was upgraded to a supergroup chat', {
      migrate_to_chat_id: chat.migratedTo,
    });
  }
  return chat;
}

export function memberOf(chat: FakeChat, bot: FakeBot): FakeMember {
  if (chat.type === 'private') return { status: 'member' };
  return chat.members.get(bot.id) ?? { status: 'left' };
}

/** A private chat or channel the bot is not in is invisible to it; a public one is not. */
export function visible(chat: FakeChat, bot: FakeBot): boolean {
  if (chat.username) return true;
  return !['left', 'kicked'].includes(memberOf(chat, bot).status);
}

/** Why this bot may not send to this chat, as Telegram answers it; undefined when it may. */
export function sendRefusal(chat: FakeChat, bot: FakeBot): Reply | undefined {
  if (chat.type === 'private')
    return chat.blocked ? tgError(403, 'Forbidden: bot was blocked by the user') : undefined;
  const member = memberOf(chat, bot);
  if (member.status === 'kicked') return tgError(403, `Forbidden: bot was kicked from the ${chat.type} chat`);
  if (member.status === 'left')
    return tgError(403, `Forbidden: bot is not a member of the ${chat.type} chat`);
  if (chat.type === 'channel') {
    // [?] Not in platform-apis.md: the Bot API's words for an administrator without the right.
    return member.status === 'administrator' && member.canPostMessages
      ? undefined
      : tgError(400, 'Bad Request: need administrator rights in the channel chat');
  }
  if (member.status === 'restricted' && !member.canSendMessages)
    return tgError(400, 'Bad Request: not enough rights to send text messages to the chat');
  return undefined;
}

export function chatJson(chat: FakeChat): Record<string, unknown> {
  return {
    id: chat.id,
    type: chat.type,
    ...(chat.title ? { title: chat.title } : {}),
    ...(chat.username ? { username: chat.username } : {}),
    ...(chat.firstName ? { first_name: chat.firstName } : {}),
  };
}

export function userJson(bot: FakeBot): Record<string, unknown> {
  return { id: bot.id, is_bot: true, first_name: bot.firstName, username: bot.username };
}

export function memberJson(chat: FakeChat, bot: FakeBot): Record<string, unknown> {
  const member = memberOf(chat, bot);
  const rights =
    member.status === 'administrator'
      ? {
          can_be_edited: false,
          is_anonymous: false,
          can_manage_chat: true,
          can_delete_messages: member.canDeleteMessages ?? false,
          ...(chat.type === 'channel' ? { can_post_messages: member.canPostMessages ?? false } : {}),
        }
      : member.status === 'restricted'
        ? { is_member: true, can_send_messages: member.canSendMessages ?? false, until_date: 0 }
        : {};
  return { status: member.status, user: userJson(bot), ...rights };
}
