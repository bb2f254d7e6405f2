import { hash } from 'node:crypto';
import { randomBytesFromPool } from './random-pool.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A 20-character post id, the shape Ayrshare uses (e.g. 6APU4qqI7XO7JM3BOy6B). */
export function newPostId(): string {
  let id = '';
  for (const b of randomBytesFromPool(20)) id += ALPHABET[b % ALPHABET.length];
  return id;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

/** Fields that say who sent the request, not what it asks: not part of its identity. */
const NOT_THE_REQUEST = new Set(['source']);

/**
 * Same body, same hash, whatever the key order: what idempotency compares. Every field
 * that changes what is posted (text, networks, media, dates, options) changes it; the
 * SDK's `source` marker does not (a retry from another client is the same request).
 */
export function requestHash(body: unknown): string {
  const fields =
    body && typeof body === 'object' && !Array.isArray(body)
      ? Object.fromEntries(Object.entries(body).filter(([key]) => !NOT_THE_REQUEST.has(key)))
      : body;
  return hash('sha256', JSON.stringify(canonical(fields)), 'hex');
}
