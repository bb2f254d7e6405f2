import { randomInt } from 'node:crypto';
import { classifyAddress } from '../media/address-ranges.ts';
import { parseIp } from '../media/ip-address.ts';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** 62^7 ≈ 3.5e12 ids: guessing one that exists is hopeless, and the URL stays short. */
export const LINK_ID_LENGTH = 7;
export const LINK_ID_PATTERN = `^[0-9A-Za-z]{${LINK_ID_LENGTH}}$`;

export function newLinkId(): string {
  let id = '';
  for (let i = 0; i < LINK_ID_LENGTH; i += 1) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}

export function shortUrlOf(base: string, id: string): string {
  return `${base}/${id}`;
}

/**
 * Whether people on a network could open links under this base: not a loopback or
 * private address, not `localhost`, not a single-label or `.local`/`.internal` name.
 * Decided from the URL alone, without DNS: a name that resolves privately is the
 * operator's choice (an intranet), a literal private address never reaches a reader.
 */
export function isPublicBase(base: string): boolean {
  let host: string;
  try {
    host = new URL(base).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return false;
  }
  const ip = parseIp(host);
  if (ip) return classifyAddress(ip).kind === 'public';
  if (host === 'localhost' || host.endsWith('.localhost')) return false;
  if (host.endsWith('.local') || host.endsWith('.internal') || host.endsWith('.lan')) return false;
  return host.includes('.');
}
