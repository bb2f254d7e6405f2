import type { Reply } from '../http.ts';
import { chatJson, findChat, memberJson, memberOf, sendRefusal, userJson, visible } from './chats.ts';
import { type FakeBot, type FakeChat, type FakeMessage, type TelegramState, tgError, tgOk } from './state.ts';

/** The Bot API methods of the fake: getMe, getChat, getChatMember, the sends and the deletes. */

type Params = Record<string, unknown>;

const TEXT_LIMIT = 4096;
const CAPTION_LIMIT = 1024;
const DELETE_WINDOW_S = 48 * 3600;

const isHttpUrl = (value: unknown) => typeof value === 'string' && /^https?:\/\/\S+$/.test(value);
const length = (text: string) => [...text].length;

function messageJson(chat: FakeChat, bot: FakeBot, message: FakeMessage): Record<string, unknown> {
  // A channel post is signed by the channel; a group message is from the bot.
  const author = chat.type === 'channel' ? { sender_chat: chatJson(chat) } : { from: userJson(bot) };
  const body: Record<string, unknown> = {
    message_id: message.messageId,
    ...author,
    chat: chatJson(chat),
    date: message.date,
  };
  if (message.text !== undefined) body.text = message.text;
  if (message.photo !== undefined) {
    const id = `AgACAgQAAxkBAAI${message.messageId}`;
    body.photo = [{ file_id: id, file_unique_id: `AQAD${message.messageId}`, width: 90, height: 90 }];
  }
  if (message.video !== undefined) {
    body.video = { file_id: `BAACAgQAAxkBAAI${message.messageId}`, width: 640, height: 360, duration: 5 };
  }
  if (message.caption !== undefined) body.caption = message.caption;
  if (message.mediaGroupId !== undefined) body.media_group_id = message.mediaGroupId;
  return body;
}

/** The chat a send or delete may act on, or the refusal. */
function writable(state: TelegramState, bot: FakeBot, params: Params): FakeChat | Reply {
  const chat = findChat(state, params.chat_id);
  if ('status' in chat) return chat;
  return sendRefusal(chat, bot) ?? chat;
}

function store(
  state: TelegramState,
  chat: FakeChat,
  bot: FakeBot,
  fields: Partial<FakeMessage>,
): FakeMessage {
  const message: FakeMessage = {
    chatId: chat.id,
    messageId: state.nextMessageId(chat.id),
    date: state.now(),
    botId: bot.id,
    deleted: false,
    ...fields,
  };
  state.messages.push(message);
  return message;
}

function captionProblem(caption: unknown): Reply | undefined {
  if (caption !== undefined && typeof caption !== 'string')
    return tgError(400, 'Bad Request: caption must be a string');
  if (typeof caption === 'string' && length(caption) > CAPTION_LIMIT)
    return tgError(400, 'Bad Request: message caption is too long');
  return undefined;
}

function sendMessage(state: TelegramState, bot: FakeBot, params: Params): Reply {
  const chat = writable(state, bot, params);
  if ('status' in chat) return chat;
  const text = typeof params.text === 'string' ? params.text : '';
  if (text.trim() === '') return tgError(400, 'Bad Request: message text is empty');
  if (length(text) > TEXT_LIMIT) return tgError(400, 'Bad Request: message is too long');
  return tgOk(messageJson(chat, bot, store(state, chat, bot, { text })));
}

function sendFile(state: TelegramState, bot: FakeBot, params: Params, kind: 'photo' | 'video'): Reply {
  const chat = writable(state, bot, params);
  if ('status' in chat) return chat;
  const url = params[kind];
  if (!isHttpUrl(url)) return tgError(400, 'Bad Request: wrong file identifier/HTTP URL specified');
  const problem = captionProblem(params.caption);
  if (problem) return problem;
  const caption =
    typeof params.caption === 'string' && params.caption !== '' ? { caption: params.caption } : {};
  return tgOk(messageJson(chat, bot, store(state, chat, bot, { [kind]: url as string, ...caption })));
}

function sendMediaGroup(state: TelegramState, bot: FakeBot, params: Params): Reply {
  const chat = writable(state, bot, params);
  if ('status' in chat) return chat;
  const media = Array.isArray(params.media) ? (params.media as Params[]) : [];
  // [?] The exact words are not in platform-apis.md; only "2–10 items" is.
  if (media.length < 2 || media.length > 10)
    return tgError(400, 'Bad Request: wrong number of media in the group');
  for (const item of media) {
    if (item.type !== 'photo' && item.type !== 'video')
      return tgError(400, 'Bad Request: unsupported media type');
    if (!isHttpUrl(item.media)) return tgError(400, 'Bad Request: wrong file identifier/HTTP URL specified');
    const problem = captionProblem(item.caption);
    if (problem) return problem;
  }
  const group = String(13_000_000_000_000_000n + BigInt(state.messages.length));
  const sent = media.map((item) =>
    store(state, chat, bot, {
      [item.type as string]: item.media as string,
      ...(typeof item.caption === 'string' && item.caption !== '' ? { caption: item.caption } : {}),
      mediaGroupId: group,
    }),
  );
  return tgOk(sent.map((message) => messageJson(chat, bot, message)));
}

function liveMessage(state: TelegramState, chat: FakeChat, id: unknown): FakeMessage | undefined {
  return state.messages.find((m) => m.chatId === chat.id && m.messageId === id && !m.deleted);
}

const tooOld = (state: TelegramState, message: FakeMessage) => state.now() - message.date > DELETE_WINDOW_S;

/**
 * Why Telegram refuses to delete this message for the bot (deleteMessage's rules: a message
 * sent less than 48 hours ago; in a channel the bot needs can_post_messages for its own
 * messages or can_delete_messages), as its Bot API words it: past 48 hours in a group
 * "message can't be deleted for everyone", in a channel "message can't be deleted"; [?] a
 * channel where the bot lost both rights answers "…for everyone" as well.
 */
function deleteRefusal(
  state: TelegramState,
  chat: FakeChat,
  bot: FakeBot,
  message: FakeMessage,
): Reply | undefined {
  if (chat.type === 'channel') {
    const member = memberOf(chat, bot);
    if (!member.canPostMessages && !member.canDeleteMessages)
      return tgError(400, "Bad Request: message can't be deleted for everyone");
    return tooOld(state, message) ? tgError(400, "Bad Request: message can't be deleted") : undefined;
  }
  return tooOld(state, message)
    ? tgError(400, "Bad Request: message can't be deleted for everyone")
    : undefined;
}

/** The chat a delete acts on: it must exist and the bot be in it (it need not be allowed to post). */
function deletable(state: TelegramState, bot: FakeBot, params: Params): FakeChat | Reply {
  const chat = findChat(state, params.chat_id);
  if ('status' in chat) return chat;
  const { status } = memberOf(chat, bot);
  if (status === 'kicked') return tgError(403, `Forbidden: bot was kicked from the ${chat.type} chat`);
  if (status === 'left') return tgError(403, `Forbidden: bot is not a member of the ${chat.type} chat`);
  return chat;
}

function deleteMessage(state: TelegramState, bot: FakeBot, params: Params): Reply {
  const chat = deletable(state, bot, params);
  if ('status' in chat) return chat;
  const message = liveMessage(state, chat, params.message_id);
  if (!message) return tgError(400, 'Bad Request: message to delete not found');
  const refused = deleteRefusal(state, chat, bot, message);
  if (refused) return refused;
  message.deleted = true;
  return tgOk(true);
}

/** Ids it cannot find are skipped (Bot API docs); [?] one it may not delete refuses the whole call. */
function deleteMessages(state: TelegramState, bot: FakeBot, params: Params): Reply {
  const chat = deletable(state, bot, params);
  if ('status' in chat) return chat;
  const ids = Array.isArray(params.message_ids) ? params.message_ids : [];
  if (ids.length < 1 || ids.length > 100) return tgError(400, 'Bad Request: too many messages to delete');
  const found = ids.flatMap((id) => liveMessage(state, chat, id) ?? []);
  for (const message of found) {
    const refused = deleteRefusal(state, chat, bot, message);
    if (refused) return refused;
  }
  for (const message of found) message.deleted = true;
  return tgOk(true);
}

export function handleMethod(state: TelegramState, bot: FakeBot, method: string, params: Params): Reply {
  switch (method) {
    case 'getMe':
      return tgOk({
        ...userJson(bot),
        can_join_groups: true,
        can_read_all_group_messages: false,
        supports_inline_queries: false,
      });
    case 'getChat': {
      const chat = findChat(state, params.chat_id);
      if ('status' in chat) return chat;
      return visible(chat, bot) ? tgOk(chatJson(chat)) : tgError(400, 'Bad Request: chat not found');
    }
    case 'getChatMember': {
      const chat = findChat(state, params.chat_id);
      if ('status' in chat) return chat;
      if (params.user_id !== bot.id) return tgError(400, 'Bad Request: user not found');
      return tgOk(memberJson(chat, bot));
    }
    case 'sendMessage':
      return sendMessage(state, bot, params);
    case 'sendPhoto':
      return sendFile(state, bot, params, 'photo');
    case 'sendVideo':
      return sendFile(state, bot, params, 'video');
    case 'sendMediaGroup':
      return sendMediaGroup(state, bot, params);
    case 'deleteMessage':
      return deleteMessage(state, bot, params);
    case 'deleteMessages':
      return deleteMessages(state, bot, params);
    default:
      return tgError(404, 'Not Found');
  }
}
