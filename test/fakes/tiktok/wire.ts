import { createHmac, randomBytes } from 'node:crypto';

/**
 * TikTok's wire quirks (platform-apis.md §7, §16): every answer carries `error`, with
 * `"code": "ok"` on success; the OAuth endpoint answers flat; video ids are JSON
 * numbers past 2^53; webhook `content` is a JSON string.
 */

export interface FakeAnswer {
  status: number;
  /** Sent as is: already JSON text. */
  text?: string;
  headers?: Record<string, string>;
}

export const logId = () => `2026${randomBytes(12).toString('hex').toUpperCase()}`;

/** Ids kept as strings in the fake are printed as bare JSON numbers, as TikTok does. */
export function jsonWithBigIds(value: unknown, bigIdKeys: readonly string[]): string {
  const marker = 'BIGID:';
  const text = JSON.stringify(value, (key, field) =>
    bigIdKeys.includes(key)
      ? Array.isArray(field)
        ? field.map((id) => `${marker}${id}`)
        : `${marker}${field}`
      : field,
  );
  return text.replace(/"BIGID:(\d+)"/g, '$1');
}

export function ok(data: Record<string, unknown>, bigIdKeys: readonly string[] = []): FakeAnswer {
  return {
    status: 200,
    text: jsonWithBigIds({ data, error: { code: 'ok', message: '', log_id: logId() } }, bigIdKeys),
  };
}

/** HTTP status per `error.code`, from the table in platform-apis.md §7. */
const STATUS: Readonly<Record<string, number>> = {
  invalid_param: 400,
  invalid_params: 400,
  invalid_file_upload: 400,
  access_token_invalid: 401,
  scope_not_authorized: 401,
  scope_permission_missed: 401,
  spam_risk_too_many_posts: 403,
  spam_risk_user_banned_from_posting: 403,
  spam_risk_too_many_pending_share: 403,
  spam_risk_text: 403,
  spam_risk: 403,
  reached_active_user_cap: 403,
  unaudited_client_can_only_post_to_private_accounts: 403,
  url_ownership_unverified: 403,
  privacy_level_option_mismatch: 403,
  rate_limit_exceeded: 429,
  internal_error: 500,
};

export function tiktokError(code: string, message = `${code} (fake)`): FakeAnswer {
  return {
    status: STATUS[code] ?? 400,
    text: JSON.stringify({ data: {}, error: { code, message, log_id: logId() } }),
  };
}

/** The OAuth token endpoint's flat error (no `data`, no `error` object). */
export function oauthError(error: string, description: string): FakeAnswer {
  return { status: 400, text: JSON.stringify({ error, error_description: description, log_id: logId() }) };
}

export function signedWebhook(
  secret: string,
  event: string,
  content: Record<string, unknown>,
  options: { clientKey?: string; openId?: string; timestamp?: number } = {},
): { body: string; signature: string } {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const body = JSON.stringify({
    client_key: options.clientKey ?? 'fakeclientkey',
    event,
    create_time: timestamp,
    user_openid: options.openId ?? 'act.fake-open-id',
    content: JSON.stringify(content),
  });
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return { body, signature: `t=${timestamp},s=${mac}` };
}
