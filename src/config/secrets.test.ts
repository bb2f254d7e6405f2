import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptJson, encryptJson, generateKey, hashKey } from './secrets.ts';

describe('credential encryption (AES-256-GCM)', () => {
  const key = randomBytes(32);

  it('round-trips and never shows the plaintext', () => {
    const sealed = encryptJson(key, { appPassword: 'hunter2-secret' });
    expect(sealed).not.toContain('hunter2');
    expect(Buffer.from(sealed, 'base64').toString('latin1')).not.toContain('hunter2');
    expect(decryptJson(key, sealed)).toEqual({ appPassword: 'hunter2-secret' });
  });

  it('uses a fresh IV each time', () => {
    expect(encryptJson(key, { a: 1 })).not.toBe(encryptJson(key, { a: 1 }));
  });

  it('refuses a tampered ciphertext or another key', () => {
    const raw = Buffer.from(encryptJson(key, { a: 1 }), 'base64');
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expect(() => decryptJson(key, raw.toString('base64'))).toThrow();
    expect(() => decryptJson(randomBytes(32), encryptJson(key, { a: 1 }))).toThrow();
  });
});

describe('keys', () => {
  it('have Ayrshare’s shape and hash deterministically', () => {
    const k = generateKey();
    expect(k).toMatch(/^[A-Z2-9]{7}-[A-Z2-9]{7}-[A-Z2-9]{7}-[A-Z2-9]{7}$/);
    expect(generateKey()).not.toBe(k);
    expect(hashKey(k)).toBe(hashKey(k));
    expect(hashKey(k)).toMatch(/^[0-9a-f]{64}$/);
  });
});
