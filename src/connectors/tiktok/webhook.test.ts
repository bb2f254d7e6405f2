import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signedWebhook } from '../../../test/fakes/tiktok/wire.ts';
import { parseEvent, signWebhook, verifySignature } from './webhook.ts';

const SECRET = 'client-secret';
const NOW = 1_800_000_000;

describe('verifySignature', () => {
  const body = Buffer.from('{"event":"post.publish.failed"}');
  const good = `t=${NOW},s=${createHmac('sha256', SECRET).update(`${NOW}.`).update(body).digest('hex')}`;

  it.each([
    ['a good signature', good, NOW, true],
    ['a signature from 5 minutes ago', good, NOW + 300, true],
    ['a stale signature', good, NOW + 301, false],
    ['a signature from the future', good, NOW - 301, false],
    ['another secret', signWebhook('other', NOW, body), NOW, false],
    ['no header', undefined, NOW, false],
    ['a malformed header', 'sha256=abc', NOW, false],
    ['a truncated hmac', good.slice(0, -2), NOW, false],
  ])('%s', (_name, header, now, valid) => {
    expect(verifySignature(header, body, SECRET, now).ok).toBe(valid);
  });

  it('refuses a body changed after signing', () => {
    expect(verifySignature(good, Buffer.from('{"event":"post.publish.failed" }'), SECRET, NOW)).toEqual({
      ok: false,
      reason: 'the signature does not match the body',
    });
  });

  it('agrees with the fake’s own signing (an independent implementation)', () => {
    const signed = signedWebhook(SECRET, 'post.publish.failed', { publish_id: 'p' }, { timestamp: NOW });
    expect(verifySignature(signed.signature, Buffer.from(signed.body), SECRET, NOW).ok).toBe(true);
  });
});

describe('parseEvent', () => {
  it('reads `content` as a JSON string', () => {
    const published = signedWebhook(SECRET, 'post.publish.publicly_available', {
      publish_id: 'v_pub_url~v2.123',
      post_id: '7123456789012345678',
      publish_type: 'DIRECT_PUBLISH',
    });
    expect(parseEvent(JSON.parse(published.body))).toEqual({
      kind: 'published',
      publishId: 'v_pub_url~v2.123',
      postId: '7123456789012345678',
    });
    const failed = signedWebhook(SECRET, 'post.publish.failed', {
      publish_id: 'v1',
      reason: 'duration_check_failed',
    });
    expect(parseEvent(JSON.parse(failed.body))).toEqual({
      kind: 'failed',
      publishId: 'v1',
      reason: 'duration_check_failed',
    });
  });

  it('acknowledges other events and refuses what is not an event', () => {
    expect(parseEvent({ event: 'authorization.removed', content: '{"reason":1}' })).toEqual({
      kind: 'other',
      event: 'authorization.removed',
    });
    expect(parseEvent({ content: '{}' })).toBeUndefined();
    expect(parseEvent({ event: 'post.publish.failed', content: '{not json' })).toBeUndefined();
  });
});
