import { networkFailure, readJson } from '../shared/wire.ts';
import {
  errorOf,
  type Parser,
  parseChat,
  parseMember,
  parseMessage,
  parseMessages,
  parseTrue,
  parseUser,
  redact,
  type TelegramChat,
  type TelegramMember,
  type TelegramMessage,
  type TelegramResult,
  type TelegramUser,
} from './wire.ts';

/**
 * The Bot API methods Herald calls: `POST <base>/bot<token>/<method>` with a JSON body.
 * The token is in the URL path, so the URL is built here and never leaves this file:
 * no failure reason, description or log line carries it (see `redact`).
 */

export type InputMedia = { type: 'photo' | 'video'; media: string; caption?: string };

export class TelegramClient {
  private readonly base: string;

  constructor(
    baseUrl: string,
    private readonly token: string,
    private readonly fetchFn: typeof fetch,
    private readonly signal?: AbortSignal,
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  getMe(): Promise<TelegramResult<TelegramUser>> {
    return this.call('getMe', {}, parseUser);
  }

  getChat(chatId: string): Promise<TelegramResult<TelegramChat>> {
    return this.call('getChat', { chat_id: chatId }, parseChat);
  }

  getChatMember(chatId: string, userId: number): Promise<TelegramResult<TelegramMember>> {
    return this.call('getChatMember', { chat_id: chatId, user_id: userId }, parseMember);
  }

  /** Plain text: no parse_mode, so no "can't parse entities" for a post with `<` or `*`. */
  sendMessage(chatId: string, text: string): Promise<TelegramResult<TelegramMessage>> {
    return this.call('sendMessage', { chat_id: chatId, text }, parseMessage);
  }

  /** Telegram fetches the URL itself (photos ≤5 MB, other files ≤20 MB by URL). */
  sendPhoto(chatId: string, url: string, caption: string): Promise<TelegramResult<TelegramMessage>> {
    return this.call('sendPhoto', { chat_id: chatId, photo: url, ...captionOf(caption) }, parseMessage);
  }

  sendVideo(chatId: string, url: string, caption: string): Promise<TelegramResult<TelegramMessage>> {
    return this.call('sendVideo', { chat_id: chatId, video: url, ...captionOf(caption) }, parseMessage);
  }

  /** 2–10 photos and videos as one album; one Message per item. */
  sendMediaGroup(chatId: string, media: readonly InputMedia[]): Promise<TelegramResult<TelegramMessage[]>> {
    return this.call('sendMediaGroup', { chat_id: chatId, media }, parseMessages);
  }

  deleteMessage(chatId: string, messageId: number): Promise<TelegramResult<true>> {
    return this.call('deleteMessage', { chat_id: chatId, message_id: messageId }, parseTrue);
  }

  /** Up to 100 ids; ids Telegram cannot find are skipped. */
  deleteMessages(chatId: string, messageIds: readonly number[]): Promise<TelegramResult<true>> {
    return this.call('deleteMessages', { chat_id: chatId, message_ids: messageIds }, parseTrue);
  }

  private async call<T>(
    method: string,
    params: Record<string, unknown>,
    parse: Parser<T>,
  ): Promise<TelegramResult<T>> {
    let status: number;
    let body: unknown;
    let statusText: string;
    try {
      const response = await this.fetchFn(`${this.base}/bot${this.token}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(params),
        signal: this.signal,
      });
      status = response.status;
      statusText = response.statusText;
      body = await readJson(response);
    } catch (error) {
      const { failure } = networkFailure(error);
      return {
        ok: false,
        failure: { ...failure, reason: `${method}: ${redact(failure.reason, this.token)}` },
      };
    }
    const ok = typeof body === 'object' && body !== null && (body as { ok?: unknown }).ok === true;
    const value = ok ? parse((body as { result?: unknown }).result) : undefined;
    if (value !== undefined) return { ok: true, value };
    const fallback = ok
      ? `unexpected ${method} result`
      : `HTTP ${status}${statusText ? `: ${statusText}` : ''}`;
    const error = errorOf(status, body, fallback);
    return { ok: false, failure: { ...error, description: redact(error.description, this.token) } };
  }
}

function captionOf(caption: string): { caption?: string } {
  return caption === '' ? {} : { caption };
}
