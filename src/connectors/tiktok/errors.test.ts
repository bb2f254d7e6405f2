import { describe, expect, it } from 'vitest';
import { buildErrorBody } from '../../errors/build.ts';
import { catalogEntry } from '../../errors/catalog/index.ts';
import { classify } from '../shared/error-table.ts';
import type { ApiFailure, Failure } from './client.ts';
import { envelopeOf, quoteBigIntegers } from './client.ts';
import { COMMENT_ERRORS } from './comments.ts';
import { classifyFailure, FAIL_REASONS, failReasonSpec, TIKTOK_ERRORS } from './errors.ts';

function api(status: number, code?: string): ApiFailure {
  return { kind: 'api', status, message: `message of ${code ?? status}`, ...(code ? { code } : {}) };
}

const network: Failure = { kind: 'network', codes: ['ECONNRESET'], reason: 'fetch failed' };

/** One vector per row, in table order: TikTok's answer (HTTP status per its code) and the catalog code. */
const vectors: { given: Failure; code: number; retryAfterMs?: number }[] = [
  { given: api(401, 'access_token_invalid'), code: 623 },
  { given: api(401, 'scope_not_authorized'), code: 623 },
  { given: api(401, 'scope_permission_missed'), code: 623 },
  { given: api(429, 'rate_limit_exceeded'), code: 624, retryAfterMs: 60_000 },
  { given: api(403, 'spam_risk_too_many_posts'), code: 624 },
  { given: api(403, 'spam_risk_too_many_pending_share'), code: 624 },
  { given: api(403, 'reached_active_user_cap'), code: 624 },
  { given: api(403, 'spam_risk_user_banned_from_posting'), code: 627 },
  { given: api(403, 'spam_risk_text'), code: 622 },
  { given: api(403, 'spam_risk'), code: 622 },
  { given: api(403, 'unaudited_client_can_only_post_to_private_accounts'), code: 622 },
  { given: api(403, 'url_ownership_unverified'), code: 622 },
  { given: api(403, 'privacy_level_option_mismatch'), code: 622 },
  { given: api(400, 'invalid_param'), code: 622 },
  { given: api(400, 'invalid_params'), code: 622 },
  { given: api(400, 'invalid_file_upload'), code: 622 },
  { given: api(500, 'internal_error'), code: 625, retryAfterMs: 30_000 },
  { given: api(429), code: 624, retryAfterMs: 60_000 },
  { given: api(401), code: 623 },
  { given: api(502), code: 625, retryAfterMs: 30_000 },
  { given: network, code: 625, retryAfterMs: 30_000 },
  { given: api(400, 'brand_new_code'), code: 621 },
];

describe('tiktok error table', () => {
  it('has exactly one vector per row', () => {
    expect(vectors).toHaveLength(TIKTOK_ERRORS.length);
  });

  it.each(vectors.map((vector, index) => ({ ...vector, index })))(
    'row $index ($given.code $given.status) → $code',
    ({ given, code, retryAfterMs, index }) => {
      const classified = classifyFailure(given);
      expect(classified.row).toBe(TIKTOK_ERRORS[index]);
      expect(classified.spec).toMatchObject({ code, platform: 'tiktok', params: { platformName: 'TikTok' } });
      expect(classified.retryAfterMs).toBe(retryAfterMs);
      const body = buildErrorBody(classified.spec);
      expect(body.platform).toBe('tiktok');
      // 624's details are what its catalog entry prescribes: the wait, a day for TikTok's daily caps.
      expect(body.details).toBe(
        code === 624
          ? `Retry-After: ${retryAfterMs === 60_000 ? 60 : 86_400}`
          : given.kind === 'api'
            ? `${given.code ?? `HTTP ${given.status}`}: ${given.message}`
            : 'fetch failed ECONNRESET',
      );
      // TikTok's own code and words stay in the stored spec (the attempt log), whatever the body shows.
      if (code === 624 && retryAfterMs === undefined && given.kind === 'api')
        expect(classified.spec.details).toBe(`${given.code}: ${given.message}`);
      expect(catalogEntry(code).platforms).toContain('tiktok');
    },
  );

  it('reads the body before the status: "ok" is success whatever the status, anything else a failure', () => {
    expect(envelopeOf(200, { data: { a: 1 }, error: { code: 'ok', message: '' } })).toEqual({
      ok: true,
      value: { a: 1 },
    });
    expect(envelopeOf(200, { data: {}, error: { code: 'spam_risk', message: 'no', log_id: 'L' } })).toEqual({
      ok: false,
      failure: { kind: 'api', status: 200, code: 'spam_risk', message: 'no', logId: 'L' },
    });
    expect(envelopeOf(502, undefined)).toEqual({
      ok: false,
      failure: { kind: 'api', status: 502, message: 'HTTP 502' },
    });
  });

  it('never reads the message', () => {
    const sneaky = api(400, 'something_new');
    sneaky.message = 'access_token_invalid rate_limit_exceeded';
    expect(classifyFailure(sneaky).spec.code).toBe(621);
  });
});

describe('fail_reason table (a post TikTok failed after accepting it)', () => {
  const reasons: { reason: string; code: number }[] = [
    { reason: 'file_format_check_failed', code: 136 },
    { reason: 'duration_check_failed', code: 136 },
    { reason: 'frame_rate_check_failed', code: 136 },
    { reason: 'picture_size_check_failed', code: 136 },
    { reason: 'video_pull_failed', code: 136 },
    { reason: 'photo_pull_failed', code: 136 },
    { reason: 'internal', code: 625 },
    { reason: 'auth_removed', code: 623 },
    { reason: 'spam_risk_too_many_posts', code: 624 },
    { reason: 'spam_risk_user_banned_from_posting', code: 627 },
    { reason: 'spam_risk_text', code: 622 },
    { reason: 'spam_risk', code: 622 },
    { reason: 'app_version_check_failed', code: 622 },
    { reason: 'publish_cancelled', code: 621 },
  ];

  it('has exactly one vector per row', () => {
    expect(reasons).toHaveLength(FAIL_REASONS.length);
  });

  it.each(reasons)('$reason → $code', ({ reason, code }) => {
    const spec = failReasonSpec(reason);
    expect(spec).toMatchObject({ code, platform: 'tiktok', details: `fail_reason: ${reason}` });
    const body = buildErrorBody(spec);
    expect(body.message).toContain('TikTok');
    expect(body.message).not.toMatch(/\{\w+\}/);
  });
});

describe('comments (API for Business)', () => {
  it.each<[string, { status: number; code?: number }, number]>([
    ['too many requests', { status: 200, code: 40100 }, 624],
    ['no permission', { status: 200, code: 40001 }, 623],
    ['an empty token', { status: 200, code: 40104 }, 623],
    ['an invalid token', { status: 200, code: 40105 }, 623],
    ['a parameter error', { status: 200, code: 40002 }, 622],
    ['an internal error', { status: 200, code: 50002 }, 625],
    ['no answer', { status: 0 }, 625],
    ['a 503', { status: 503 }, 625],
    ['a 401', { status: 401 }, 623],
    ['an unknown code', { status: 200, code: 41234 }, 621],
  ])('%s', (_name, signal, code) => {
    expect(classify(COMMENT_ERRORS, signal)?.maps.code).toBe(code);
  });
});

describe('quoteBigIntegers', () => {
  it.each([
    [
      '{"publicaly_available_post_id":[7123456789012345678]}',
      '{"publicaly_available_post_id":["7123456789012345678"]}',
    ],
    ['{"a":1234,"b":-71234567890123456}', '{"a":1234,"b":"-71234567890123456"}'],
    [
      '{"s":"7123456789012345678 in text","n":7123456789012345678}',
      '{"s":"7123456789012345678 in text","n":"7123456789012345678"}',
    ],
    [
      '{"esc":"a\\"7123456789012345678","f":1.7123456789012345678}',
      '{"esc":"a\\"7123456789012345678","f":1.7123456789012345678}',
    ],
  ])('%s', (given, expected) => {
    expect(quoteBigIntegers(given)).toBe(expected);
  });
});
