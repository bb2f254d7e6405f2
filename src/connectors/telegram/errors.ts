import type { ErrorSpec } from '../../errors/build.ts';
import { classify, failedFrom } from '../shared/error-table.ts';
import type { ErrorRow, ErrorSignal, PublishOutcome } from '../types.ts';
import type { TelegramError, TelegramFailure } from './wire.ts';

/**
 * The Bot API's errors by `error_code` (= HTTP status, the signal's status), the call
 * that failed (`send`, `delete`, `link`: the signal's subcode) and which `parameters`
 * field came with it (the signal's code).
 *
 * Telegram gives nothing more structured: "in case of an unsuccessful request, 'ok'
 * equals false and the error is explained in the 'description'. An Integer 'error_code'
 * field is also returned… Some errors may also have an optional field 'parameters' of
 * the type ResponseParameters" (core.telegram.org/bots/api#making-requests;
 * ResponseParameters holds only migrate_to_chat_id and retry_after). Where one
 * error_code of one call covers cases that need different codes (a 400 on a send is a
 * bad message, or a chat the bot can no longer reach), only the description tells them
 * apart: those rows name the whole description exactly (never a part of it), for that
 * call and error_code only, and any other description falls through to the status rows.
 * Otherwise `description` is only ever copied into details.
 */

const SERVER_ERRORS: readonly number[] = Array.from({ length: 100 }, (_, i) => 500 + i);

/** Which Bot API call failed: a row may hold for one of them only. */
export type TelegramCall = 'send' | 'delete' | 'link';

/** A row decided by the exact, whole description of one call's error_code (see above why). */
const described = (
  call: TelegramCall,
  status: number,
  description: string,
  maps: ErrorRow['maps'],
  note: string,
): ErrorRow => ({ when: { status, code: description, subcode: call }, maps, note });

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
  described(
    'send',
    400,
    'Bad Request: chat not found',
    { code: 623 },
    'The linked chat is gone or the bot can no longer see it (removed from it, the chat deleted): link again. No change to the post can help.',
  ),
  described(
    'send',
    400,
    'Bad Request: need administrator rights in the channel chat',
    { code: 623 },
    'The bot lost its administrator right to post in the channel: give it back (or link again), the post itself is fine.',
  ),
  {
    when: { status: 400 },
    maps: { code: 622 },
    note: 'Bad Request on a send: message too long, can’t parse entities, wrong file identifier/HTTP URL, failed to get HTTP URL content…',
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

/**
 * deleteMessage(s): Telegram's own refusals to delete (619: delete it in the app) and any
 * other 400 (no post to change: 621), then the rows every call shares.
 */
export const TELEGRAM_DELETE_ERRORS: readonly ErrorRow[] = [
  described(
    'delete',
    400,
    "Bad Request: message can't be deleted for everyone",
    { code: 619 },
    'Telegram refuses to delete it (past 48 h in a group, or the bot may not delete there): delete it in the Telegram app.',
  ),
  described(
    'delete',
    400,
    "Bad Request: message can't be deleted",
    { code: 619 },
    'Telegram refuses to delete it for the bot: delete it in the Telegram app.',
  ),
  {
    when: { status: 400, subcode: 'delete' },
    maps: { code: 621 },
    note: 'Any other 400 on a delete: no invalid post to change, so Telegram’s words go to details as an unknown refusal.',
  },
  ...TELEGRAM_ERRORS,
];

export const PLATFORM_NAME = 'Telegram';
/** Wait after a 5xx or a refused connection (calls that certainly sent nothing). */
export const BACKOFF_MS = 30_000;
/** A 429 without `retry_after` (Telegram always sends one; a proxy might not). */
const DEFAULT_RETRY_AFTER_S = 30;

/** The parameters field that came with the error, else its whole description (see the table). */
export function signalOf(error: TelegramError, call: TelegramCall): ErrorSignal {
  const signal: ErrorSignal = { status: error.status, subcode: call };
  if (error.migrateToChatId !== undefined) signal.code = 'migrate_to_chat_id';
  else if (error.retryAfter !== undefined) signal.code = 'retry_after';
  else signal.code = error.description;
  return signal;
}

export interface Classified {
  row: ErrorRow;
  spec: ErrorSpec;
  retryAfterMs?: number;
}

export function classifyError(error: TelegramError, call: TelegramCall): Classified {
  const table = call === 'delete' ? TELEGRAM_DELETE_ERRORS : TELEGRAM_ERRORS;
  const row = classify(table, signalOf(error, call));
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
  return failedFrom(classifyError(failure, 'send'));
}
