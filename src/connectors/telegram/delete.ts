import type { ErrorSpec } from '../../errors/build.ts';
import type { ConnectorContext, DeleteInput, DeleteOutcome } from '../types.ts';
import { TelegramClient } from './client.ts';
import { parseCredentials } from './credentials.ts';
import { classifyError, PLATFORM_NAME, unreachableSpec } from './errors.ts';

/**
 * deleteMessage for one message; deleteMessages for an album (one call: Telegram skips
 * ids it cannot find, so a second try after a partial failure is harmless). Bots may
 * delete a message only within 48 hours of sending it: a 400 on a message older than
 * that is answered as 619 (delete it in the app), decided on the send date Herald kept;
 * Telegram's own refusal ("message can't be deleted…") is 619 too, through the table.
 */

export const DELETE_WINDOW_S = 48 * 3600;

function failed(code: number, details: string): DeleteOutcome {
  const error: ErrorSpec = { code, platform: 'telegram', params: { platformName: PLATFORM_NAME }, details };
  return { kind: 'failed', error };
}

/** The messages and chat of the post: from the publish's progress, else the id and the linked chat. */
function whatToDelete(
  input: DeleteInput,
  linkedChat: string,
): { chatId: string; ids: number[]; date?: number } | undefined {
  const progress = input.progress ?? {};
  const saved = Array.isArray(progress.messageIds)
    ? progress.messageIds.filter((id): id is number => Number.isSafeInteger(id))
    : [];
  const chatId = typeof progress.chatId === 'string' ? progress.chatId : linkedChat;
  const date = typeof progress.date === 'number' ? progress.date : undefined;
  if (saved.length > 0 && saved[0] === Number(input.id))
    return { chatId, ids: saved, ...(date ? { date } : {}) };
  if (!/^\d{1,15}$/.test(input.id)) return undefined;
  return { chatId: linkedChat, ids: [Number(input.id)] };
}

export async function deletePost(
  input: DeleteInput,
  ctx: ConnectorContext,
  nowMs: number = Date.now(),
): Promise<DeleteOutcome> {
  const credentials = parseCredentials(input.account.credentials);
  if (typeof credentials === 'string') return failed(623, credentials);
  const target = whatToDelete(input, credentials.chatId);
  if (!target) return failed(621, `not a Telegram message id: ${input.id.slice(0, 64)}`);
  const client = new TelegramClient(ctx.baseUrl, credentials.botToken, ctx.fetch, ctx.signal);
  const [only] = target.ids;
  const answer =
    target.ids.length === 1 && only !== undefined
      ? await client.deleteMessage(target.chatId, only)
      : await client.deleteMessages(target.chatId, target.ids);
  if (answer.ok) return { kind: 'deleted' };
  const { failure } = answer;
  if (failure.kind === 'network') return { kind: 'failed', error: unreachableSpec(failure.reason) };
  if (failure.status === 400 && target.date !== undefined) {
    const ageS = Math.floor(nowMs / 1000) - target.date;
    if (ageS > DELETE_WINDOW_S) {
      const hours = Math.floor(ageS / 3600);
      return failed(
        619,
        `Telegram lets bots delete messages only within 48 hours of sending; this one was sent ${hours} hours ago. (${failure.status}: ${failure.description})`,
      );
    }
  }
  // Telegram's own refusal to delete is 619 (delete it in the app); any other 400 is 621.
  return { kind: 'failed', error: classifyError(failure, 'delete').spec };
}
