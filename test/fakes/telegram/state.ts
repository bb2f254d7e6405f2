/** The fake Bot API's world: bots, chats, the bots' rights in them, and the messages sent. */

export interface FakeBot {
  id: number;
  token: string;
  username: string;
  firstName: string;
}

export interface FakeMember {
  /** creator, administrator, member, restricted, left, kicked. */
  status: string;
  canPostMessages?: boolean;
  canDeleteMessages?: boolean;
  canSendMessages?: boolean;
}

export interface FakeChat {
  id: number;
  type: 'channel' | 'supergroup' | 'group' | 'private';
  title?: string;
  username?: string;
  firstName?: string;
  /** Bot id → its membership. */
  members: Map<number, FakeMember>;
  /** A basic group upgraded to a supergroup: every call names the new id. */
  migratedTo?: number;
  /** A private chat whose user blocked the bot. */
  blocked?: boolean;
}

export interface FakeMessage {
  chatId: number;
  messageId: number;
  /** Unix seconds. */
  date: number;
  botId: number;
  text?: string;
  caption?: string;
  photo?: string;
  video?: string;
  mediaGroupId?: string;
  deleted: boolean;
}

export interface TelegramState {
  bots: FakeBot[];
  chats: FakeChat[];
  messages: FakeMessage[];
  /** Seconds added to the fake's clock (a test ages messages past 48 h this way). */
  clockOffsetS: number;
  now(): number;
  nextMessageId(chatId: number): number;
}

export function createState(): TelegramState {
  const counters = new Map<number, number>();
  const state: TelegramState = {
    bots: [],
    chats: [],
    messages: [],
    clockOffsetS: 0,
    now: () => Math.floor(Date.now() / 1000) + state.clockOffsetS,
    nextMessageId(chatId) {
      const next = (counters.get(chatId) ?? 40) + 1;
      counters.set(chatId, next);
      return next;
    },
  };
  return state;
}

/** A Bot API error: `{ok: false, error_code, description, parameters?}` with HTTP status = error_code. */
export function tgError(
  errorCode: number,
  description: string,
  parameters?: Record<string, number>,
): { status: number; body: Record<string, unknown> } {
  return {
    status: errorCode,
    body: { ok: false, error_code: errorCode, description, ...(parameters ? { parameters } : {}) },
  };
}

export function tgOk(result: unknown): { status: number; body: Record<string, unknown> } {
  return { status: 200, body: { ok: true, result } };
}
