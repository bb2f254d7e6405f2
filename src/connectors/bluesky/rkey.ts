import { createHash } from 'node:crypto';

/**
 * Record keys Herald chooses itself, so that publishing is idempotent: the same
 * target always writes to the same key, and a retry finds its own earlier post.
 *
 * A post's key must be a TID: 53 bits of microseconds since 1970 and 10 bits of
 * clock id, written as 13 characters of "base32-sortable".
 */

const S32 = '234567abcdefghijklmnopqrstuvwxyz';
const UUID_V7 = /^([0-9a-f]{8})-([0-9a-f]{4})-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
/** Keys of non-UUIDv7 targets fall in a fixed past window (2023-11-14 + 2^44 µs ≈ 203 days), never in the future. */
const FALLBACK_EPOCH_US = 1_700_000_000_000_000n;
const FALLBACK_SPAN_US = 1n << 44n;

export const TID_PATTERN = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;

function s32(value: bigint, length: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < length; i += 1) {
    out = S32[Number(rest & 31n)] + out;
    rest >>= 5n;
  }
  return out;
}

export function tid(micros: bigint, clockId: number): string {
  return s32(micros, 11) + s32(BigInt(clockId & 0x3ff), 2);
}

/** Milliseconds since 1970 carried by a UUIDv7, when it is one. */
function uuidV7Millis(id: string): bigint | undefined {
  const match = UUID_V7.exec(id);
  return match ? BigInt(`0x${match[1]}${match[2]}`) : undefined;
}

/**
 * The record key of a target. With a UUIDv7 target id the key carries the target's
 * creation time, so the repo lists Herald's posts in order like any client's; the
 * sub-millisecond part and the clock id come from a hash of the id.
 */
export function rkeyFor(targetId: string): string {
  const digest = createHash('sha256').update(targetId).digest();
  const clockId = digest.readUInt16BE(0);
  const ms = uuidV7Millis(targetId);
  const micros =
    ms === undefined
      ? FALLBACK_EPOCH_US + (digest.readBigUInt64BE(2) % FALLBACK_SPAN_US)
      : ms * 1000n + BigInt(digest.readUInt16BE(2) % 1000);
  return tid(micros, clockId);
}
