import { describe, expect, it } from 'vitest';
import { analyticsEnvelope, failureBody, refused } from './envelope.ts';
import type { CallResult } from './through-cache.ts';

const at = new Date('2026-01-10T10:00:00.000Z');
const later = new Date('2026-01-10T10:10:00.000Z');
const ok = (analytics: Record<string, unknown>): CallResult => ({
  ok: true,
  body: { id: 'n1', postUrl: 'https://x/1', analytics },
  lastUpdated: at,
  nextUpdate: later,
  fromCache: false,
});
const shape = (body: Record<string, unknown>) => body;

describe('the analytics envelope', () => {
  it('all succeeded: 200, the id, each network with its two times', () => {
    const reply = analyticsEnvelope(
      [{ platform: 'bluesky', result: ok({ likeCount: 1 }) }],
      shape,
      undefined,
      'P1',
    );
    expect(reply).toEqual({
      status: 200,
      body: {
        status: 'success',
        id: 'P1',
        bluesky: {
          id: 'n1',
          postUrl: 'https://x/1',
          analytics: { likeCount: 1 },
          lastUpdated: '2026-01-10T10:00:00.000Z',
          nextUpdate: '2026-01-10T10:10:00.000Z',
        },
      },
    });
  });

  it('one network asked and refused on the account: that body alone, with its HTTP status', () => {
    const reply = analyticsEnvelope(
      [{ platform: 'linkedin', result: refused({ code: 475, platform: 'linkedin' }) }],
      shape,
      undefined,
      'P1',
    );
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe(475);
    expect(reply.body).not.toHaveProperty('linkedin');
  });

  it('a failure about one object (444) stays under its network, with httpErrorCode and its times on top', () => {
    const result: CallResult = {
      ok: false,
      failure: {
        kind: 'failed',
        error: { code: 444, platform: 'facebook' },
        fields: { errCode: 80001, pageId: 'p', id: 'p_1' },
      },
      lastUpdated: at,
      nextUpdate: later,
      fromCache: false,
    };
    const reply = analyticsEnvelope([{ platform: 'facebook', result }], shape, undefined, 'P1');
    expect(reply.status).toBe(429);
    expect(Object.keys(reply.body)).toEqual([
      'status',
      'facebook',
      'httpErrorCode',
      'lastUpdated',
      'nextUpdate',
    ]);
    expect(reply.body).toMatchObject({
      status: 'error',
      httpErrorCode: 444,
      lastUpdated: at.toISOString(),
      nextUpdate: later.toISOString(),
    });
  });

  it('a thread answers an array under its network', () => {
    const reply = analyticsEnvelope(
      [{ platform: 'twitter', result: [ok({ a: 1 }), ok({ a: 2 })] }],
      shape,
      undefined,
      'P1',
    );
    expect((reply.body.twitter as { analytics: unknown }[]).map((p) => p.analytics)).toEqual([
      { a: 1 },
      { a: 2 },
    ]);
  });

  it('the seed fields of 444 sit where the seed prints them', () => {
    const body = failureBody(
      { kind: 'failed', error: { code: 444 }, fields: { errCode: 80001, pageId: '1', id: '1_2' } },
      undefined,
    );
    expect(Object.keys(body)).toEqual(['action', 'status', 'code', 'errCode', 'message', 'pageId', 'id']);
  });

  it('translates messages, never the network’s words', () => {
    const body = failureBody(
      {
        kind: 'failed',
        error: {
          code: 682,
          platform: 'tiktok',
          params: { platformName: 'TikTok' },
          details: 'scope_not_authorized: x',
        },
      },
      'fr',
    );
    expect(body.message).toMatch(/^TikTok a refusé/);
    expect(body.details).toBe('scope_not_authorized: x');
  });
});
