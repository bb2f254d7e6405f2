import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import type { PublishInput } from '../types.ts';
import { blueskyDeclaration } from './declaration.ts';
import { rkeyFor, TID_PATTERN } from './rkey.ts';

const account = { externalId: 'did:plc:x', username: 'a.test', displayName: 'A', credentials: {} };

function input(text: string, media: PublishInput['media'] = []): PublishInput {
  return { targetId: 't', text, media, options: {}, account };
}

describe('blueskyDeclaration.optionsSchema', () => {
  it.each([
    [{}, true],
    [{ altText: ['a', 'b'], langs: ['en', 'fr'] }, true],
    [{ unknownField: 1 }, false],
    [{ altText: ['x'.repeat(2000)] }, true],
    [{ altText: ['x'.repeat(2001)] }, false],
    [{ altText: 'not a list' }, false],
    [{ langs: ['en', 'fr', 'de', 'es'] }, false],
  ])('%j valid: %s', (options, valid) => {
    expect(Value.Check(blueskyDeclaration.optionsSchema, options)).toBe(valid);
  });
});

describe('blueskyDeclaration.validate', () => {
  it('accepts 300 graphemes within 3000 bytes', () => {
    expect(blueskyDeclaration.validate?.(input('é'.repeat(300)))).toEqual([]);
  });
  it('counts graphemes first, then bytes', () => {
    expect(blueskyDeclaration.validate?.(input('👍'.repeat(301)))).toMatchObject([
      { code: 132, params: { length: 301, limit: 300, unit: 'graphemes' } },
    ]);
    expect(blueskyDeclaration.validate?.(input('👩‍💻'.repeat(300)))).toMatchObject([
      { code: 132, params: { length: 3300, limit: 3000, unit: 'bytes' } },
    ]);
  });
  it('refuses videos and a fifth image', () => {
    const image = { url: 'https://x.test/a.png', kind: 'image' as const };
    expect(blueskyDeclaration.validate?.(input('hi', Array(4).fill(image)))).toEqual([]);
    expect(blueskyDeclaration.validate?.(input('hi', Array(5).fill(image)))).toMatchObject([{ code: 136 }]);
    const video = { url: 'https://x.test/a.mp4', kind: 'video' as const };
    expect(blueskyDeclaration.validate?.(input('hi', [video]))).toMatchObject([
      { code: 136, params: { reason: 'video is not supported yet' } },
    ]);
  });
});

describe('blueskyDeclaration.sandboxPost', () => {
  const seed = { key: 'k1', numeric: '1234567890123456789', username: 'alice.bsky.social', options: {} };

  it('looks like a real post and is stable for one seed', () => {
    const post = blueskyDeclaration.sandboxPost(seed);
    const match = /^at:\/\/(did:plc:[a-z2-7]{24})\/app\.bsky\.feed\.post\/([a-z2-7]{13})$/.exec(post.id);
    expect(match?.[2]).toMatch(TID_PATTERN);
    expect(post.postUrl).toBe(`https://bsky.app/profile/alice.bsky.social/post/${match?.[2]}`);
    expect(blueskyDeclaration.sandboxPost(seed)).toEqual(post);
  });

  it('keeps the account’s did and changes the key per post', () => {
    const one = blueskyDeclaration.sandboxPost(seed);
    const two = blueskyDeclaration.sandboxPost({ ...seed, key: 'k2' });
    expect(two.id.split('/')[2]).toBe(one.id.split('/')[2]);
    expect(two.id).not.toBe(one.id);
  });
});

describe('rkeyFor', () => {
  /** Microseconds since 1970 encoded in the first 11 characters of a TID. */
  function micros(tid: string): bigint {
    return [...tid.slice(0, 11)].reduce(
      (n, c) => n * 32n + BigInt('234567abcdefghijklmnopqrstuvwxyz'.indexOf(c)),
      0n,
    );
  }

  it('is a valid TID, the same for one target and different across targets', () => {
    const keys = Array.from({ length: 1000 }, (_, i) =>
      rkeyFor(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`),
    );
    for (const key of keys) expect(key).toMatch(TID_PATTERN);
    expect(new Set(keys).size).toBe(keys.length);
    expect(rkeyFor('same')).toBe(rkeyFor('same'));
  });

  it('carries the creation time of a UUIDv7 target', () => {
    const ms = 1_767_225_600_000; // 2026-01-01T00:00:00Z
    const uuid = `${ms
      .toString(16)
      .padStart(12, '0')
      .replace(/^(.{8})/, '$1-')}-7abc-8def-0123456789ab`;
    const at = micros(rkeyFor(uuid));
    expect(at / 1000n).toBe(BigInt(ms));
  });

  it('puts other targets in a fixed window in the past, never in the future', () => {
    const at = micros(rkeyFor('0e4e1f5c-53b3-4a43-9c1b-7a6b4b1e8d10'));
    expect(at).toBeGreaterThanOrEqual(1_700_000_000_000_000n);
    expect(at).toBeLessThan(1_700_000_000_000_000n + (1n << 44n));
  });
});
