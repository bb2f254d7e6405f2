import { randomBytesFromPool } from './random-pool.ts';

/**
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random. Target ids are
 * idempotency keys at the networks (Bluesky derives its record key from them),
 * so they carry the real creation time and sort by it.
 */
export function newTargetId(now = Date.now()): string {
  const bytes = randomBytesFromPool(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
