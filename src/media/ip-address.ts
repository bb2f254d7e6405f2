/**
 * IP literals in every spelling a URL or a resolver can hand us, reduced to bytes so
 * that one table decides. `2130706433`, `0177.0.0.1`, `0x7f.1` and `127.1` are all
 * 127.0.0.1 (inet_aton rules, which WHATWG URL parsing and most HTTP clients follow);
 * `[::ffff:7f00:1]` is the same host again, seen through IPv6.
 */

export interface IpAddress {
  family: 4 | 6;
  /** 4 or 16 bytes, network order. */
  bytes: Uint8Array;
}

const PART_DECIMAL = /^(?:0|[1-9][0-9]*)$/;
const PART_OCTAL = /^0[0-7]+$/;
const PART_HEX = /^0x[0-9a-f]*$/i;

function ipv4Part(part: string): number | undefined {
  if (PART_HEX.test(part)) return part.length === 2 ? 0 : Number.parseInt(part.slice(2), 16);
  if (PART_OCTAL.test(part)) return Number.parseInt(part.slice(1), 8);
  if (PART_DECIMAL.test(part)) return Number(part);
  return undefined;
}

/** inet_aton: 1 to 4 parts, each decimal, octal (leading 0) or hex (0x); the last part fills the rest. */
export function parseIpv4(host: string): IpAddress | undefined {
  const trimmed = host.endsWith('.') ? host.slice(0, -1) : host;
  const parts = trimmed.split('.');
  if (parts.length < 1 || parts.length > 4 || parts.some((p) => p === '')) return undefined;
  const values = parts.map(ipv4Part);
  if (values.some((v) => v === undefined || !Number.isSafeInteger(v))) return undefined;
  const numbers = values as number[];
  const last = numbers.pop() as number;
  if (numbers.some((v) => v > 255)) return undefined;
  const lastBytes = 4 - numbers.length;
  if (last >= 256 ** lastBytes) return undefined;
  const bytes = new Uint8Array(4);
  numbers.forEach((v, i) => {
    bytes[i] = v;
  });
  for (let i = 0; i < lastBytes; i++) bytes[3 - i] = Math.floor(last / 256 ** i) % 256;
  return { family: 4, bytes };
}

function ipv6Groups(text: string): number[] | undefined {
  const groups: number[] = [];
  const pieces = text === '' ? [] : text.split(':');
  for (const [index, piece] of pieces.entries()) {
    if (index === pieces.length - 1 && piece.includes('.')) {
      // Dotted IPv4 tail (::ffff:127.0.0.1): strict dotted decimal only, as RFC 4291 writes it.
      const quad = piece.split('.');
      if (quad.length !== 4 || quad.some((q) => !/^(?:0|[1-9][0-9]{0,2})$/.test(q) || Number(q) > 255))
        return undefined;
      const [a, b, c, d] = quad.map(Number) as [number, number, number, number];
      groups.push(a * 256 + b, c * 256 + d);
      continue;
    }
    if (!/^[0-9a-f]{1,4}$/i.test(piece)) return undefined;
    groups.push(Number.parseInt(piece, 16));
  }
  return groups;
}

/** An IPv6 literal, with or without brackets and zone id. */
export function parseIpv6(host: string): IpAddress | undefined {
  let text = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  if (!text.includes(':')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = ipv6Groups(halves[0] ?? '');
  const tail = halves.length === 2 ? ipv6Groups(halves[1] ?? '') : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...Array.from({ length: halves.length === 2 ? missing : 0 }, () => 0), ...tail];
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[i * 2] = g >> 8;
    bytes[i * 2 + 1] = g & 0xff;
  });
  return { family: 6, bytes };
}

/** Any IP literal (a host name answers undefined). */
export function parseIp(host: string): IpAddress | undefined {
  return parseIpv6(host) ?? parseIpv4(host);
}

/** Dotted quad, or RFC 5952 text (longest zero run compressed). */
export function formatIp(ip: IpAddress): string {
  if (ip.family === 4) return Array.from(ip.bytes).join('.');
  const groups = Array.from(
    { length: 8 },
    (_, i) => ((ip.bytes[i * 2] ?? 0) << 8) | (ip.bytes[i * 2 + 1] ?? 0),
  );
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length && j - i >= 2) best = { start: i, length: j - i };
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.start < 0) return hex.join(':');
  const left = hex.slice(0, best.start).join(':');
  const right = hex.slice(best.start + best.length).join(':');
  return `${left}::${right}`;
}

/** The IPv4 address an IPv4-mapped IPv6 address (::ffff:a.b.c.d) stands for; the address itself otherwise. */
export function unmapped(ip: IpAddress): IpAddress {
  if (
    ip.family === 6 &&
    ip.bytes.subarray(0, 10).every((b) => b === 0) &&
    ip.bytes[10] === 0xff &&
    ip.bytes[11] === 0xff
  )
    return { family: 4, bytes: ip.bytes.slice(12, 16) };
  return ip;
}

/** True when the first `bits` bits of `ip` equal those of `network` (same family). */
export function inPrefix(ip: IpAddress, network: IpAddress, bits: number): boolean {
  if (ip.family !== network.family) return false;
  for (let i = 0; i < bits; i++) {
    const byte = i >> 3;
    const mask = 0x80 >> (i & 7);
    if (((ip.bytes[byte] ?? 0) & mask) !== ((network.bytes[byte] ?? 0) & mask)) return false;
  }
  return true;
}
