import type { ErrorSpec } from '../../errors/build.ts';
import { classify, failedFrom } from '../shared/error-table.ts';
import type { ErrorRow, ErrorSignal, PublishOutcome } from '../types.ts';
import type { TelegramError, TelegramFailure } from './wire.ts';

/**
 * The Bot API's errors by `error_code` (= HTTP status) and which `parameters` field
 * came with it (the signal's code). `description` is only ever copied into details.
 */

const SERVER_ERRORS: readonly number[] = Array.from({ length: 100 }, (_, i) => 500 + i);

export const TELEGRAM_ERRORS: readonly ErrorRow[] = [
  {
    when: { code: 'migrate_to_chat_id' },
    maps: { code: 623 },
    note: 'The group was upgraded to a supergroup (parameters.migrate_to_chat_id): link again with the new chat id, which details name.',
  },
  {
    when: { status: 429 },
    maps: { code: 624 },
    retry: 'after-reset',
    note: 'Too Many Requests: wait parameters.retry_after seconds (about 1 message/s per chat, 20/min per group).',
  },
  {
    when: { status: 401 },
    maps: { code: 623 },
    note: 'Unauthorized: the bot token was revoked or regenerated in @BotFather.',
  },
  {
    when: { status: 403 },
    maps: { code: 623 },
    note: 'Forbidden: the bot was blocked or kicked, or is not a member (an administrator allowed to post, in a channel).',
  },
  {
    when: { status: 400 },
    maps: { code: 622 },
    note: 'Bad Request: chat not found, message too long, wrong file identifier/HTTP URL, failed to get HTTP URL content…',
  },
  {
    when: { status: SERVER_ERRORS },
    maps: { code: 625 },
    retry: 'backoff',
    note: 'Telegram or a proxy failed (5xx). A send that gets one is reported unknown instead (publish.ts): it may have gone out.',
  },
  {
    when: {},
    maps: { code: 621 },
    note: 'Anything else: Telegram’s description goes to details for a new row.',
  },
];

export const PLATFORM_NAME = 'Telegram';
/** Wait after a 5xx or a refused connection (calls that certainly sent nothing). */
export const BACKOFF_MS = 30_000;
/** A 429 without `retry_after` (Telegram always sends one; a proxy might not). */
const DEFAULT_RETRY_AFTER_S = 30;

export function signalOf(error: TelegramError): ErrorSignal {
  const signal: ErrorSignal = { status: error.status };
  if (error.migrateToChatId !== undefined) signal.code = 'migrate_to_chat_id';
  else if (error.retryAfter !== undefined) signal.code = 'retry_after';
  return signal;
}

export interface Classified {
  row: ErrorRow;
  spec: ErrorSpec;
  retryAfterMs?: number;
}

export function classifyError(error: TelegramError): Classified {
  const row = classify(TELEGRAM_ERRORS, signalOf(error));
  if (!row) throw new Error('telegram error table has no catch-all row');
  const params = { platformName: PLATFORM_NAME };
  if (row.retry === 'after-reset') {
    const retryAfter = Math.max(1, Math.ceil(error.retryAfter ?? DEFAULT_RETRY_AFTER_S));
    return {
      row,
      spec: { ...row.maps, platform: 'telegram', params: { ...params, retryAfter } },
      retryAfterMs: retryAfter * 1000,
    };
  }
  const details =
    error.migrateToChatId !== undefined
      ? `The group was upgraded to a supergroup; its new chat id is ${error.migrateToChatId}. Link Telegram again with chatId ${error.migrateToChatId}.`
      : `${error.status}: ${error.description}`;
  const spec: ErrorSpec = { ...row.maps, platform: 'telegram', params, details };
  return row.retry === 'backoff' ? { row, spec, retryAfterMs: BACKOFF_MS } : { row, spec };
}

export function unreachableSpec(reason: string): ErrorSpec {
  return { code: 625, platform: 'telegram', params: { platformName: PLATFORM_NAME }, details: reason };
}

/** A failure of a call that sends nothing (or certainly did not arrive) as an outcome. */
export function failedOutcome(failure: TelegramFailure): PublishOutcome & { kind: 'failed' } {
  if (failure.kind === 'network') {
    return { kind: 'failed', error: unreachableSpec(failure.reason), retryAfterMs: BACKOFF_MS };
  }
  return failedFrom(classifyError(failure));
}
