import type { ServerResponse } from 'node:http';
import { type FakeRequest, jsonOf, listen, type ScriptedReply, Scripts, send } from '../http.ts';
import { handleMethod } from './methods.ts';
import {
  createState,
  type FakeBot,
  type FakeChat,
  type FakeMessage,
  type TelegramState,
  tgError,
} from './state.ts';

/**
 * A fake Telegram Bot API on loopback, as platform-apis.md §13 documents it:
 * `POST /bot<token>/<method>`, answers `{ok: true, result}` or `{ok: false, error_code,
 * description, parameters}` with the HTTP status equal to `error_code`,
 * `parameters.retry_after` on 429 and `parameters.migrate_to_chat_id` for an upgraded
 * group. It does not download media URLs (it only checks they are HTTP URLs). Tests read
 * what it received (by method, never the token) and script its next answers.
 */

export interface FakeCall {
  method: string;
  botId?: number;
  params: Record<string, unknown>;
}

export interface FakeTelegram extends TelegramState {
  url: string;
  calls: FakeCall[];
  /** Script an answer for a Bot API method: `{method: 'POST', path: '/sendMessage', reply}`. */
  script(script: ScriptedReply): void;
  /** The next call of this method is carried out, then the connection drops before the answer. */
  loseAnswer(method: string): void;
  addBot(bot: FakeBot): FakeBot;
  addChat(chat: Omit<FakeChat, 'members'> & { members?: FakeChat['members'] }): FakeChat;
  /** Messages of a chat still there, in order. */
  messagesIn(chatId: number): FakeMessage[];
  count(method: string): number;
  close(): Promise<void>;
}

function paramsOf(request: FakeRequest): Record<string, unknown> {
  const fromQuery = Object.fromEntries(request.query);
  return request.body.length > 0 ? { ...fromQuery, ...jsonOf(request) } : fromQuery;
}

export async function startFakeTelegram(): Promise<FakeTelegram> {
  const state = createState();
  const scripts = new Scripts();
  const calls: FakeCall[] = [];
  const losing = new Map<string, number>();

  async function handle(request: FakeRequest, res: ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(request.path);
    if (!match) return send(res, tgError(404, 'Not Found'));
    const [, token, method = ''] = match;
    const params = paramsOf(request);
    const bot = state.bots.find((b) => b.token === token);
    calls.push({ method, ...(bot ? { botId: bot.id } : {}), params });
    if (!bot) return send(res, tgError(401, 'Unauthorized'));
    const scripted = scripts.take('POST', `/${method}`);
    const reply = scripted ?? handleMethod(state, bot, method, params);
    const lost = losing.get(method) ?? 0;
    if (lost > 0) {
      losing.set(method, lost - 1);
      res.socket?.destroy();
      return;
    }
    send(res, reply);
  }

  const server = await listen(handle);
  return Object.assign(state, {
    url: server.origin,
    calls,
    script: (script: ScriptedReply) => scripts.add(script),
    loseAnswer: (method: string) => losing.set(method, (losing.get(method) ?? 0) + 1),
    addBot(bot: FakeBot) {
      state.bots.push(bot);
      return bot;
    },
    addChat(chat: Omit<FakeChat, 'members'> & { members?: FakeChat['members'] }) {
      const full: FakeChat = { members: new Map(), ...chat };
      state.chats.push(full);
      return full;
    },
    messagesIn: (chatId: number) => state.messages.filter((m) => m.chatId === chatId && !m.deleted),
    count: (method: string) => calls.filter((c) => c.method === method).length,
    close: server.close,
  });
}
