import { isObject, type NetworkFailure } from '../shared/wire.ts';

export { isObject, type NetworkFailure } from '../shared/wire.ts';

/**
 * What any answer (or its absence) from the Bot API looks like to the connector.
 * Every answer is `{ok, result}` or `{ok: false, error_code, description, parameters}`,
 * and the HTTP status equals `error_code`. The client never throws: failures are data.
 */

/** Telegram answered `ok: false` (or something that is not a Bot API answer). */
export interface TelegramError {
  kind: 'telegram';
  /** `error_code`, or the HTTP status when the body carried none (a proxy's page). */
  status: number;
  /** Telegram's words: copied into details only, never branched on. */
  description: string;
  /** `parameters.retry_after`: seconds to wait before the next call (429). */
  retryAfter?: number;
  /** `parameters.migrate_to_chat_id`: the group became a supergroup with this id. */
  migrateToChatId?: number;
}

export type TelegramFailure = TelegramError | NetworkFailure;
export type TelegramResult<T> = { ok: true; value: T } | { ok: false; failure: TelegramFailure };

export interface TelegramChat {
  id: number;
  type: string;
  title?: string;
  username?: string;
  firstName?: string;
}

export interface TelegramMessage {
  messageId: number;
  /** Unix seconds. */
  date: number;
  chat: TelegramChat;
}

export interface TelegramUser {
  id: number;
  username: string;
  firstName: string;
}

export interface TelegramMember {
  status: string;
  canPostMessages?: boolean;
  canSendMessages?: boolean;
}

export type Parser<T> = (result: unknown) => T | undefined;

const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const str = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
const bool = (value: unknown) => (typeof value === 'boolean' ? value : undefined);

export const parseChat: Parser<TelegramChat> = (result) => {
  if (!isObject(result)) return undefined;
  const id = num(result.id);
  const type = str(result.type);
  if (id === undefined || type === undefined) return undefined;
  return {
    id,
    type,
    title: str(result.title),
    username: str(result.username),
    firstName: str(result.first_name),
  };
};

export const parseMessage: Parser<TelegramMessage> = (result) => {
  if (!isObject(result)) return undefined;
  const messageId = num(result.message_id);
  const date = num(result.date);
  const chat = parseChat(result.chat);
  return messageId !== undefined && date !== undefined && chat ? { messageId, date, chat } : undefined;
};

/** sendMediaGroup: an array of Messages, one per item. */
export const parseMessages: Parser<TelegramMessage[]> = (result) => {
  if (!Array.isArray(result) || result.length === 0) return undefined;
  const messages = result.map(parseMessage);
  return messages.every((m) => m !== undefined) ? (messages as TelegramMessage[]) : undefined;
};

export const parseUser: Parser<TelegramUser> = (result) => {
  if (!isObject(result)) return undefined;
  const id = num(result.id);
  const username = str(result.username);
  return id !== undefined && username !== undefined
    ? { id, username, firstName: str(result.first_name) ?? username }
    : undefined;
};

export const parseMember: Parser<TelegramMember> = (result) => {
  if (!isObject(result)) return undefined;
  const status = str(result.status);
  if (status === undefined) return undefined;
  return {
    status,
    canPostMessages: bool(result.can_post_messages),
    canSendMessages: bool(result.can_send_messages),
  };
};

export const parseTrue: Parser<true> = (result) => (result === true ? true : undefined);

/** The error fields of an `ok: false` body; `fallback` describes a body that is not one. */
export function errorOf(httpStatus: number, body: unknown, fallback: string): TelegramError {
  if (!isObject(body) || body.ok !== false) {
    return { kind: 'telegram', status: httpStatus, description: fallback };
  }
  const error: TelegramError = {
    kind: 'telegram',
    status: num(body.error_code) ?? httpStatus,
    description: str(body.description) ?? fallback,
  };
  const parameters = isObject(body.parameters) ? body.parameters : {};
  const retryAfter = num(parameters.retry_after);
  const migrateTo = num(parameters.migrate_to_chat_id);
  if (retryAfter !== undefined) error.retryAfter = retryAfter;
  if (migrateTo !== undefined) error.migrateToChatId = migrateTo;
  return error;
}

// A bot token: the bot's numeric id, a colon, and a secret (35 characters today).
const TOKEN_SHAPE = /\d+:[A-Za-z0-9_-]{20,}/g;

/**
 * Removes the bot token from a text that may hold a request URL (undici names the URL
 * in some errors): the token sits in the URL path, and nothing Herald logs or stores
 * may carry it.
 */
export function redact(text: string, token: string): string {
  const named = token === '' ? text : text.replaceAll(token, '<bot token>');
  return named.replace(TOKEN_SHAPE, '<bot token>');
}
