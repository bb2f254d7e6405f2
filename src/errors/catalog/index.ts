import { ANALYTICS_CODES } from './analytics-codes.ts';
import { HERALD_COMMENT_CODES } from './comment-codes.ts';
import { HERALD_DELETE_CODES, HERALD_NETWORK_CODES } from './herald-network-codes.ts';
import { LIFECYCLE_CODES } from './lifecycle-codes.ts';
import { LINKING_CODES } from './linking-codes.ts';
import { MEDIA_CODES } from './media-codes.ts';
import { NETWORK_CODES } from './network-codes.ts';
import { REQUEST_CODES } from './request-codes.ts';
import { TRANSPORT_CODES } from './transport-codes.ts';
import type { CatalogEntry } from './types.ts';
import { WEBHOOK_CODES } from './webhook-codes.ts';

export type { BodyField, CatalogEntry, ErrorScope, ErrorVariant } from './types.ts';

/** The one error catalog: every code Herald can answer with. */
export const CATALOG: readonly CatalogEntry[] = [
  ...REQUEST_CODES,
  ...TRANSPORT_CODES,
  ...NETWORK_CODES,
  ...HERALD_NETWORK_CODES,
  ...HERALD_DELETE_CODES,
  ...ANALYTICS_CODES,
  ...LINKING_CODES,
  ...LIFECYCLE_CODES,
  ...WEBHOOK_CODES,
  ...HERALD_COMMENT_CODES,
  ...MEDIA_CODES,
].sort((a, b) => a.code - b.code);

const BY_CODE = new Map(CATALOG.map((entry) => [entry.code, entry]));
if (BY_CODE.size !== CATALOG.length) throw new Error('error catalog: a code is declared twice');

export function catalogEntry(code: number): CatalogEntry {
  const entry = BY_CODE.get(code);
  if (!entry) throw new Error(`error catalog: no code ${code}`);
  return entry;
}

export function hasCode(code: number): boolean {
  return BY_CODE.has(code);
}
