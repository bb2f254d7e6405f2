/** Helpers for realistic sandbox ids, derived from the seed so they are stable per target. */
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

export function base32(hex: string, length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i++) {
    const byte = Number.parseInt(hex.slice((i * 2) % hex.length, ((i * 2) % hex.length) + 2), 16) || i;
    out += BASE32[byte % 32];
  }
  return out;
}

export function alnum(hex: string, length: number): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
  let out = '';
  for (let i = 0; out.length < length; i++) {
    const byte = Number.parseInt(hex.slice((i * 2) % hex.length, ((i * 2) % hex.length) + 2), 16) || i;
    out += chars[byte % chars.length];
  }
  return out;
}
