/**
 * The fake instance's data: accounts (one bearer token each), statuses, media
 * attachments and the Idempotency-Key cache, with a clock tests can move.
 */

export interface FakeAccount {
  id: string;
  username: string;
  displayName: string;
  token: string;
  /** 403 "Your login is currently disabled" (suspended or disabled by the instance). */
  disabled?: boolean;
  /** The token's scopes; unset: every scope (reads need `read`). */
  scopes?: Set<string>;
}

export interface FakeStatus {
  id: string;
  accountId: string;
  text: string;
  mediaIds: string[];
  visibility: string;
  spoilerText: string;
  sensitive: boolean;
  createdAt: number;
  deleted: boolean;
  /** A reply: the status it answers. */
  inReplyToId?: string;
}

export interface FakeMedia {
  id: string;
  accountId: string;
  type: 'image' | 'video';
  mimeType: string;
  size: number;
  description: string | null;
  /** GETs still to answer 206 before the attachment is processed. */
  pendingPolls: number;
  statusId?: string;
}

export interface MastodonState {
  /** The instance's public domain (LOCAL_DOMAIN): URLs in entities use it, whatever host was asked. */
  domain: string;
  accounts: FakeAccount[];
  statuses: FakeStatus[];
  media: Map<string, FakeMedia>;
  /** `${accountId}:${key}` → the status created with that key, and when. */
  idempotency: Map<string, { statusId: string; at: number }>;
  /** `configuration.statuses.max_characters` (500 by default). */
  maxCharacters: number;
  /** 206 answers before a new upload is processed, by kind (images are processed inline by default). */
  processingPolls: { image: number; video: number };
  now(): number;
  nextId(): string;
}

/** One hour: how long Mastodon keeps an Idempotency-Key (per account). */
export const IDEMPOTENCY_TTL_MS = 3_600_000;

export function createState(domain: string): MastodonState & { advance(ms: number): void } {
  let offset = 0;
  let sequence = 0;
  const now = () => Date.now() + offset;
  return {
    domain,
    accounts: [],
    statuses: [],
    media: new Map(),
    idempotency: new Map(),
    maxCharacters: 500,
    processingPolls: { image: 0, video: 1 },
    now,
    // Mastodon's ids are snowflakes: milliseconds shifted 16 bits, plus a sequence.
    nextId: () => String((BigInt(now()) << 16n) | BigInt(++sequence & 0xffff)),
    advance(ms: number) {
      offset += ms;
    },
  };
}
