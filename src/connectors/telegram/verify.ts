import { HeraldError } from '../../errors/herald-error.ts';
import type { ConnectorContext, VerifiedAccount } from '../types.ts';
import { TelegramClient } from './client.ts';
import { parseCredentials } from './credentials.ts';
import { classifyError, PLATFORM_NAME, unreachableSpec } from './errors.ts';
import { chatUrl } from './links.ts';
import type { TelegramChat, TelegramFailure, TelegramMember, TelegramUser } from './wire.ts';

/**
 * Link time: getMe (the token is a live bot's), getChat (the chat exists and the bot
 * can see it), then getChatMember for the bot itself (it may post there). Nothing is
 * posted to check.
 */

function rejected(details: string): HeraldError {
  return new HeraldError({ code: 613, params: { platformName: PLATFORM_NAME }, details });
}

/** At link time a refusal means these credentials are wrong, not that a relink is due. */
function linkFailure(failure: TelegramFailure): HeraldError {
  if (failure.kind === 'network') return new HeraldError(unreachableSpec(failure.reason));
  const { spec } = classifyError(failure, 'link');
  // 400 chat not found, 401, 403 not a member, 404 for a token Telegram does not know the shape of.
  const refused = failure.status >= 400 && failure.status < 500 && spec.code !== 624;
  return refused ? rejected(spec.details ?? failure.description) : new HeraldError(spec);
}

const GROUP_MEMBERS = new Set(['creator', 'administrator', 'member']);

/** Why this bot cannot post in this chat, or undefined when it can. */
export function cannotPost(
  chat: TelegramChat,
  bot: TelegramUser,
  member: TelegramMember,
): string | undefined {
  if (chat.type === 'channel') {
    return member.status === 'administrator' && member.canPostMessages === true
      ? undefined
      : `@${bot.username} must be an administrator of the channel with the right to post messages (it is ${member.status}${member.status === 'administrator' ? ' without can_post_messages' : ''})`;
  }
  if (GROUP_MEMBERS.has(member.status)) return undefined;
  if (member.status === 'restricted' && member.canSendMessages === true) return undefined;
  return `@${bot.username} must be a member of the group allowed to send messages (it is ${member.status})`;
}

function displayNameOf(chat: TelegramChat): string {
  return chat.title ?? chat.firstName ?? chat.username ?? String(chat.id);
}

export async function verifyCredentials(
  raw: Record<string, unknown>,
  ctx: ConnectorContext,
): Promise<VerifiedAccount> {
  const credentials = parseCredentials(raw);
  if (typeof credentials === 'string') throw rejected(credentials);
  const client = new TelegramClient(ctx.baseUrl, credentials.botToken, ctx.fetch, ctx.signal);
  const me = await client.getMe();
  if (!me.ok) throw linkFailure(me.failure);
  const chat = await client.getChat(credentials.chatId);
  if (!chat.ok) throw linkFailure(chat.failure);
  // A private chat with the bot has no membership to check: getChat answering is enough.
  if (chat.value.type !== 'private') {
    const member = await client.getChatMember(String(chat.value.id), me.value.id);
    if (!member.ok) throw linkFailure(member.failure);
    const problem = cannotPost(chat.value, me.value, member.value);
    if (problem) throw rejected(problem);
  }
  const { value } = chat;
  return {
    externalId: String(value.id),
    username: value.username ?? String(value.id),
    displayName: displayNameOf(value),
    profileUrl: chatUrl(value),
    // The numeric id, not @name: a channel can be renamed, its id never changes.
    credentials: { botToken: credentials.botToken, chatId: String(value.id), bot: me.value.username },
  };
}
