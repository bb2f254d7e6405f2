import { describe, expect, it } from 'vitest';
import { buildErrorBody } from '../../errors/build.ts';
import { catalogEntry } from '../../errors/catalog/index.ts';
import {
  BACKOFF_MS,
  classifyError,
  TELEGRAM_DELETE_ERRORS,
  TELEGRAM_ERRORS,
  type TelegramCall,
} from './errors.ts';
import { errorOf, type TelegramError } from './wire.ts';

/** Bot API error bodies (platform-apis.md §13), read the way the client reads them. */
function error(status: number, body: Record<string, unknown> | undefined): TelegramError {
  return errorOf(status, body, `HTTP ${status}`);
}

function tg(code: number, description: string, parameters?: Record<string, number>) {
  return error(code, { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) });
}

const vectors: {
  row: string;
  given: TelegramError;
  call?: TelegramCall;
  code: number;
  retryAfterMs?: number;
  details?: string;
}[] = [
  {
    row: 'migrated group',
    given: tg(400, 'Bad Request: group chat was upgraded to a supergroup chat', {
      migrate_to_chat_id: -1001987654321,
    }),
    code: 623,
    details:
      'The group was upgraded to a supergroup; its new chat id is -1001987654321. Link Telegram again with chatId -1001987654321.',
  },
  {
    row: '429 retry_after',
    given: tg(429, 'Too Many Requests: retry after 35', { retry_after: 35 }),
    code: 624,
    retryAfterMs: 35_000,
  },
  { row: '401', given: tg(401, 'Unauthorized'), code: 623, details: '401: Unauthorized' },
  {
    row: '403',
    given: tg(403, 'Forbidden: bot is not a member of the channel chat'),
    code: 623,
    details: '403: Forbidden: bot is not a member of the channel chat',
  },
  {
    row: 'send: chat not found',
    given: tg(400, 'Bad Request: chat not found'),
    code: 623,
    details: '400: Bad Request: chat not found',
  },
  {
    row: 'send: no admin right in the channel',
    given: tg(400, 'Bad Request: need administrator rights in the channel chat'),
    code: 623,
  },
  {
    row: '400',
    given: tg(400, 'Bad Request: failed to get HTTP URL content'),
    code: 622,
    details: '400: Bad Request: failed to get HTTP URL content',
  },
  {
    row: '5xx without a Bot API body',
    given: error(502, undefined),
    code: 625,
    retryAfterMs: BACKOFF_MS,
    details: '502: HTTP 502',
  },
  { row: 'catch-all', given: tg(404, 'Not Found'), code: 621, details: '404: Not Found' },
];

/** The delete table's own rows, in order (the rest is TELEGRAM_ERRORS, tested above). */
const deleteVectors: { row: string; given: TelegramError; code: number; details?: string }[] = [
  {
    row: "can't be deleted for everyone",
    given: tg(400, "Bad Request: message can't be deleted for everyone"),
    code: 619,
    details: "400: Bad Request: message can't be deleted for everyone",
  },
  { row: "can't be deleted", given: tg(400, "Bad Request: message can't be deleted"), code: 619 },
  { row: 'any other 400', given: tg(400, 'Bad Request: message identifier is not specified'), code: 621 },
];

describe('Telegram delete table', () => {
  it('is its own rows, then the shared table', () => {
    expect(TELEGRAM_DELETE_ERRORS.slice(deleteVectors.length)).toEqual(TELEGRAM_ERRORS);
  });

  it.each(deleteVectors.map((vector, index) => ({ ...vector, index })))(
    'row $index ($row) → $code',
    ({ given, code, details, index }) => {
      const classified = classifyError(given, 'delete');
      expect(classified.row).toBe(TELEGRAM_DELETE_ERRORS[index]);
      expect(classified.spec).toMatchObject({ code, platform: 'telegram' });
      if (details !== undefined) expect(classified.spec.details).toBe(details);
    },
  );

  it('619 is the body the README promises: delete it in the Telegram app', () => {
    expect(buildErrorBody(classifyError(deleteVectors[0]?.given as TelegramError, 'delete').spec)).toEqual({
      action: 'delete',
      status: 'error',
      code: 619,
      message:
        'Telegram does not allow deleting published posts through its API. Delete it in the Telegram app.',
      details: "400: Bad Request: message can't be deleted for everyone",
      platform: 'telegram',
    });
  });
});

describe('Telegram error table', () => {
  it('has exactly one vector per row', () => {
    expect(vectors).toHaveLength(TELEGRAM_ERRORS.length);
  });

  it.each(vectors.map((vector, index) => ({ ...vector, index })))(
    'row $index ($row) → $code',
    ({ given, call, code, retryAfterMs, details, index }) => {
      const classified = classifyError(given, call ?? 'send');
      expect(classified.row).toBe(TELEGRAM_ERRORS[index]);
      expect(classified.spec).toMatchObject({ code, platform: 'telegram' });
      expect(classified.retryAfterMs).toBe(retryAfterMs);
      if (details !== undefined) expect(classified.spec.details).toBe(details);
      expect(catalogEntry(code).platforms).toContain('telegram');
      expect(buildErrorBody(classified.spec).message).toContain('Telegram');
    },
  );

  it('a description decides only whole, and only for the call and error_code its row names', () => {
    // A part of the words, or the same words in another call or under another code, is not the row.
    expect(classifyError(tg(400, 'Bad Request: chat not found!'), 'send').spec.code).toBe(622);
    expect(classifyError(tg(400, 'bad request: chat not found'), 'send').spec.code).toBe(622);
    expect(classifyError(tg(400, 'Bad Request: chat not found'), 'delete').spec.code).toBe(621);
    expect(
      classifyError(tg(400, "Bad Request: message can't be deleted for everyone"), 'send').spec.code,
    ).toBe(622);
    expect(classifyError(tg(404, 'Bad Request: chat not found'), 'send').spec.code).toBe(621);
  });

  it('parameters win over the description: the same words with migrate_to_chat_id are a migration', () => {
    expect(classifyError(tg(400, 'Too Many Requests: retry after 35'), 'send').spec.code).toBe(622);
    expect(
      classifyError(tg(400, 'Bad Request: chat not found', { migrate_to_chat_id: -100 }), 'send').spec
        .details,
    ).toMatch(/new chat id is -100/);
  });

  it('a 429 without retry_after (a proxy) waits 30 s; the wait is in the 624 details', () => {
    const classified = classifyError(error(429, undefined), 'send');
    expect(classified.retryAfterMs).toBe(30_000);
    expect(buildErrorBody(classified.spec).details).toBe('Retry-After: 30');
  });

  it('error_code wins over the HTTP status when they differ', () => {
    expect(
      classifyError(error(200, { ok: false, error_code: 403, description: 'Forbidden' }), 'send').spec.code,
    ).toBe(623);
  });
});
