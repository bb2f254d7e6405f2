import { failedFrom } from '../shared/error-table.ts';
import type { ConnectorContext, PublishInput, PublishOutcome } from '../types.ts';
import { type InputMedia, TelegramClient } from './client.ts';
import { parseCredentials } from './credentials.ts';
import { telegramDeclaration } from './declaration.ts';
import { classifyError, failedOutcome, PLATFORM_NAME } from './errors.ts';
import { messageUrl } from './links.ts';
import type { TelegramMessage, TelegramResult } from './wire.ts';

/**
 * One post is one Bot API send: sendMessage, sendPhoto / sendVideo (Telegram fetches
 * the URL itself), or sendMediaGroup for 2–10 items. Telegram has no idempotency key
 * and no way to look a message up, so any send whose outcome is unknown (no answer,
 * a 5xx, a 2xx Herald cannot read) is reported `unknown`: the core marks the target
 * unconfirmed (626) and never sends it again on its own.
 */

/** What delete needs later: every message of an album, the chat, and when it was sent. */
export interface SentProgress {
  chatId: string;
  messageIds: number[];
  /** Unix seconds of the send (Telegram's `date`): bots may delete only within 48 h. */
  date: number;
}

function send(
  client: TelegramClient,
  chatId: string,
  input: PublishInput,
): Promise<TelegramResult<TelegramMessage | TelegramMessage[]>> {
  const [first, ...rest] = input.media;
  if (!first) return client.sendMessage(chatId, input.text);
  if (rest.length === 0) {
    return first.kind === 'video'
      ? client.sendVideo(chatId, first.url, input.text)
      : client.sendPhoto(chatId, first.url, input.text);
  }
  // The album's caption is the first item's.
  const media: InputMedia[] = input.media.map((item, index) => ({
    type: item.kind === 'video' ? 'video' : 'photo',
    media: item.url,
    ...(index === 0 && input.text !== '' ? { caption: input.text } : {}),
  }));
  return client.sendMediaGroup(chatId, media);
}

export async function publishPost(input: PublishInput, ctx: ConnectorContext): Promise<PublishOutcome> {
  const [problem] = telegramDeclaration.validate?.(input) ?? [];
  if (problem) return { kind: 'failed', error: problem };
  const credentials = parseCredentials(input.account.credentials);
  if (typeof credentials === 'string') {
    return {
      kind: 'failed',
      error: {
        code: 623,
        platform: 'telegram',
        params: { platformName: PLATFORM_NAME },
        details: credentials,
      },
    };
  }
  const client = new TelegramClient(ctx.baseUrl, credentials.botToken, ctx.fetch, ctx.signal);
  const sent = await send(client, credentials.chatId, input);
  if (!sent.ok) {
    const { failure } = sent;
    if (failure.kind === 'network') {
      return failure.mayHaveArrived ? { kind: 'unknown', reason: failure.reason } : failedOutcome(failure);
    }
    // A 2xx Herald cannot read, or a 5xx: Telegram may have sent the message.
    if (failure.status < 300 || failure.status >= 500) {
      return { kind: 'unknown', reason: `${failure.status}: ${failure.description}` };
    }
    return failedFrom(classifyError(failure, 'send'));
  }
  const messages = Array.isArray(sent.value) ? sent.value : [sent.value];
  const [head] = messages as [TelegramMessage, ...TelegramMessage[]];
  const progress: SentProgress = {
    chatId: String(head.chat.id),
    messageIds: messages.map((m) => m.messageId),
    date: head.date,
  };
  // Kept by the settle's own statement, with the message's id: no save before it.
  const outcome: PublishOutcome = {
    kind: 'published',
    id: String(head.messageId),
    postUrl: messageUrl(head.chat, head.messageId),
    progress: { ...progress },
  };
  return messages.length > 1
    ? { ...outcome, extra: { messageIds: progress.messageIds.map(String) } }
    : outcome;
}
