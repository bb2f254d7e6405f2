import type { TSchema } from 'typebox';
import type { ErrorSpec } from '../errors/build.ts';
import type { Platform } from '../platforms.ts';
import type { AnalyticsCapability } from './analytics-types.ts';

/**
 * The connector contract. A connector knows one network's wire format and nothing
 * of Herald's store, queue or config: the core hands it everything through
 * `ConnectorContext` and reads back a `PublishOutcome`.
 */

export type TextUnit = 'characters' | 'graphemes' | 'weighted';

export interface CredentialField {
  name: string;
  description: string;
  /** A token, password or key: stored sealed, and (sent in HTTP headers) visible ASCII only. */
  secret: boolean;
  required: boolean;
  /** The address of a server the user names (a PDS, an instance): never with a user name or password in it. */
  url?: true;
}

/** What a network is and accepts: pure data, read by validation, the sandbox and the docs. */
export interface Declaration {
  id: Platform;
  /** Display name used in messages ("Bluesky", "X/Twitter"). */
  name: string;
  /** The per-network option object of POST /api/post, and accepted aliases. */
  optionsField: string;
  optionsAliases?: readonly string[];
  optionsSchema: TSchema;
  text: {
    limit: number;
    unit: TextUnit;
    maxBytes?: number;
    required?: boolean;
    /**
     * A tighter limit for each post the network creates, when one request may create
     * several (a thread): `limit` then caps the whole text, `validate` checks each part.
     */
    perPost?: { limit: number; note: string };
    /**
     * How the network counts, when it is not a plain count of `unit` (Mastodon: every URL
     * as 23 characters, a mention without its domain, the content warning included).
     */
    counting?: { note: string; length(input: Pick<PublishInput, 'text' | 'options'>): number };
  };
  media: {
    maxImages: number;
    maxVideos: number;
    /** Whether images and videos may be mixed in one post. */
    mix: boolean;
    requiresMedia?: boolean;
  };
  capabilities: {
    /** Published posts can be deleted through the API. */
    delete: boolean;
    /** A publish with an unknown outcome can be looked up by the key Herald chose. */
    reconcile: boolean;
    /** A published post's metadata can be changed (PATCH /api/post; YouTube's videos.update). */
    updateMetadata?: boolean;
  };
  credentials: readonly CredentialField[];
  /** Rolling 24 h post budget per account, enforced before the call (when the network has one). */
  dailyBudget?: number;
  /** Catalog code answered over budget (default 624, the generic network rate limit). */
  budgetCode?: number;
  /**
   * Sends to one account at once, when the network documents a bound tighter than
   * HERALD_ACCOUNT_CONCURRENCY (which applies otherwise); cite where it is documented.
   */
  maxInFlightPerAccount?: number;
  /** Published postIds carry `usedQuota`, the posts counted in the window (Instagram). */
  reportsUsedQuota?: boolean;
  /**
   * Request headers this network needs on every call (X's BYO app keys): handed to
   * validate/publish as `requestSecrets`, never stored in a row or logged.
   */
  requestSecrets?: readonly string[];
  /**
   * Network-specific checks that need no network call (trial reels, BYO keys, ...).
   * Returns the errors found; empty when the post may go out.
   */
  validate?(input: PublishInput): ErrorSpec[];
  /**
   * What any call for the account needs and can be checked without a call (X: both BYO
   * key headers, 419; an account linked the legacy way, 423): applied when linking and
   * deleting (posting checks it through `validate`), to sandbox and live accounts alike,
   * so a sandbox refuses what the network would.
   */
  validateAccess?(
    credentials: Readonly<Record<string, unknown>>,
    requestSecrets: Readonly<Record<string, string>>,
  ): ErrorSpec[];
  /** A realistic id and URL for a sandbox account's post. */
  sandboxPost(seed: SandboxSeed): { id: string; postUrl: string };
  /** What a comment on this network may hold; absent where the network's API offers no comments. */
  comments?: CommentLimits;
}

/** A network's rules for one comment (or reply), checked before any call. */
export interface CommentLimits {
  text: { limit: number; unit: TextUnit };
  /** Images one comment may carry (Facebook, LinkedIn, X: one; elsewhere none). */
  maxImages: number;
}

export interface SandboxSeed {
  /** A stable random string derived from the target. */
  key: string;
  /** A decimal string of 19 digits derived from the target, for networks with numeric ids. */
  numeric: string;
  username: string;
  options: Readonly<Record<string, unknown>>;
}

export interface MediaItem {
  url: string;
  kind: 'image' | 'video';
  altText?: string;
}

export interface PublishInput {
  /** Herald's id for this (post × network): stable across retries, the idempotency key at the network. */
  targetId: string;
  text: string;
  media: readonly MediaItem[];
  /** The network's option object, already validated against `optionsSchema`. */
  options: Readonly<Record<string, unknown>>;
  account: LinkedAccount;
  /** Request-scoped secrets (e.g. X BYO keys from headers): used for the call, never stored. */
  requestSecrets?: Readonly<Record<string, string>>;
}

export interface LinkedAccount {
  externalId: string;
  username: string;
  displayName: string;
  /** Decrypted credentials, as `verifyCredentials` returned them. */
  credentials: Readonly<Record<string, unknown>>;
}

/**
 * What reconciliation found: the post (published), certainly nothing (not-found: the core
 * sends it again), a failure, unknown (unconfirmed), or `ask-later`: the network may still be
 * creating it from the lost request, so asking (or re-sending) now could race it; the target
 * stays `sending` and is reconciled again after `afterMs`.
 */
export type ReconcileOutcome =
  | PublishOutcome
  | { kind: 'not-found' }
  | { kind: 'ask-later'; afterMs: number; reason: string };

export type PublishOutcome =
  | {
      kind: 'published';
      id: string;
      postUrl: string;
      /** Extra fields for postIds[] (e.g. the legacy YouTube `thumbnail` object). */
      extra?: Record<string, unknown>;
      /** Non-fatal problems (e.g. 307: the thumbnail was not applied): the post still succeeded. */
      warnings?: ErrorSpec[];
      /**
       * What the answer taught the connector (a Telegram album's message ids), written as the
       * target's `progress` by the statement that makes it published: no save of its own.
       */
      progress?: Record<string, unknown>;
    }
  /** The network accepted the post but publishes later (TikTok): poll or wait for its webhook. */
  | { kind: 'pending'; ref: string; pollAfterMs: number }
  | {
      kind: 'failed';
      error: ErrorSpec;
      /**
       * Set only when the network certainly did not create the post and a retry may
       * succeed (rate limit, 5xx before acceptance): Herald re-queues after this delay.
       */
      retryAfterMs?: number;
    }
  /** The request left and no answer came back: the post may or may not exist. */
  | { kind: 'unknown'; reason: string };

export interface VerifiedAccount {
  externalId: string;
  username: string;
  displayName: string;
  profileUrl: string;
  /** What to store (encrypted): may add a session to what the user sent. */
  credentials: Record<string, unknown>;
}

export interface ConnectorLog {
  info(fields: Record<string, unknown>, msg: string): void;
  warn(fields: Record<string, unknown>, msg: string): void;
}

/** What a renewal of the access token gave: new credentials, or the token endpoint's refusal. */
export type RenewAccessResult =
  | { ok: true; credentials: Record<string, unknown> }
  | {
      ok: false;
      /** The network said no for good (a revoked grant): the account now needs relinking. */
      permanent: boolean;
      /** HTTP status of the token endpoint's answer (0: none), its OAuth `error`, its words. */
      refusal: { status: number; error?: string; description: string };
    };

/** A post the sandbox's simulated network created for a target. */
export interface SandboxPost {
  id: string;
  postUrl: string;
  /** Times it was created for this target: above 1, the target was sent twice. */
  creates: number;
}

/**
 * The simulated network's memory, durable and keyed by the target (src/db/sandbox-ledger.ts):
 * what lets a sandbox account reconcile truthfully, as a network that can be asked would.
 */
export interface SandboxLedger {
  /** The simulated network creates the target's post: from here on it exists. */
  create(targetId: string, post: { id: string; postUrl: string }): Promise<void>;
  /** True the first time only: a `#sandbox-fail-once-…` trigger refuses that attempt. */
  refuseOnce(targetId: string): Promise<boolean>;
  /** The post created for the target, if the simulated network created one. */
  find(targetId: string): Promise<SandboxPost | undefined>;
}

export interface ConnectorContext {
  /** Base URL of the network's API, from config (`HERALD_<NETWORK>_API_URL`), or the account's own server. */
  baseUrl: string;
  apiVersion?: string;
  /** The second host a network serves metrics from (YouTube Analytics), from config. */
  analyticsBaseUrl?: string;
  fetch: typeof fetch;
  /**
   * Downloads a post's media URLs: the SSRF-safe fetcher (src/media/safe-fetch.ts) in the
   * shape of fetch. A non-public address, more than 5 redirects, a file past
   * HERALD_MEDIA_MAX_BYTES or a slow download rejects with an error naming the cause.
   */
  fetchMedia: typeof fetch;
  /**
   * Calls the API of a server the account names itself (a Mastodon instance): the
   * SSRF-safe fetcher for any method (src/media/api-fetch.ts). A non-public address
   * not in HERALD_MEDIA_ALLOW, or plain http to a host not listed there, rejects with
   * `RefusedUrlError` before any connection. Optional: only such connectors need it.
   */
  fetchUserServer?: typeof fetch;
  log: ConnectorLog;
  /** Persist credentials the connector refreshed (a new session), encrypted by the core. */
  saveCredentials(credentials: Record<string, unknown>): Promise<void>;
  /**
   * Renews the OAuth access token after the network refused it (a 401), once for every
   * attempt at once: the core holds the account's refresh lock (one refresh per account,
   * across processes), and if another attempt renewed it meanwhile, answers the stored
   * credentials without calling the network. The core stores what it renewed. `current`:
   * the credentials the refused call used. Absent where the network's tokens cannot be
   * renewed by Herald.
   */
  renewAccess?(current: Readonly<Record<string, unknown>>): Promise<RenewAccessResult>;
  /** Abort signal of the whole attempt (shutdown, attempt timeout). */
  signal?: AbortSignal;
  /** Read and written by the sandbox connector only: its simulated network's memory. */
  sandboxLedger?: SandboxLedger;
  /**
   * What a multi-step publish already did at the network (thread segments posted,
   * an upload session), kept across attempts so a retry resumes instead of re-posting.
   */
  progress: {
    load(): Readonly<Record<string, unknown>> | null;
    save(progress: Record<string, unknown>): Promise<void>;
  };
}

export interface DeleteInput {
  id: string;
  account: LinkedAccount;
  /** Request-scoped secrets of the delete request (X BYO keys), as for publish. */
  requestSecrets?: Readonly<Record<string, string>>;
  /** The target's saved `progress` (e.g. every tweet of an X thread, to delete them all). */
  progress?: Readonly<Record<string, unknown>> | null;
}

export type DeleteOutcome = { kind: 'deleted' } | { kind: 'failed'; error: ErrorSpec };

/** Changes to a published post's metadata (a YouTube video's title, description, privacy...). */
export interface MetadataInput {
  /** The network's id of the post. */
  id: string;
  account: LinkedAccount;
  /** The option object stored when the post was published (e.g. YouTube's `shorts`). */
  options: Readonly<Record<string, unknown>>;
  /** Only the fields to change, in the option object's names; the rest stays as the network holds it. */
  changes: Readonly<Record<string, unknown>>;
}

export type MetadataOutcome =
  /** What the network holds now, in the option object's names. */
  { kind: 'updated'; metadata: Record<string, unknown> } | { kind: 'failed'; error: ErrorSpec };

export interface Connector {
  declaration: Declaration;
  /** The network's structured errors → catalog codes (tested row by row). */
  errorTable: readonly ErrorRow[];
  /** `requestSecrets`: the link request's secret headers this network declares (X BYO keys). */
  verifyCredentials(
    credentials: Record<string, unknown>,
    ctx: ConnectorContext,
    requestSecrets?: Readonly<Record<string, string>>,
  ): Promise<VerifiedAccount>;
  publish(input: PublishInput, ctx: ConnectorContext): Promise<PublishOutcome>;
  /**
   * After a crash or timeout mid-publish: look the post up by the key Herald chose.
   * `not-found` means it was certainly not created and may be sent again.
   */
  reconcile?(input: PublishInput, ctx: ConnectorContext): Promise<ReconcileOutcome>;
  delete?(input: DeleteInput, ctx: ConnectorContext): Promise<DeleteOutcome>;
  /** For a `pending` outcome: ask the network again (TikTok's status fetch). */
  poll?(ref: string, input: PublishInput, ctx: ConnectorContext): Promise<PublishOutcome>;
  /** Comments on published posts (src/connectors/<id>/comments.ts), where the network has them. */
  comments?: CommentsCapability;
  /**
   * Metrics of posts and of the account, and the account's own posts (analytics-types.ts).
   * Absent on networks whose API gives no metrics (Telegram): the core answers 680.
   */
  analytics?: AnalyticsCapability;
  /** Changes a published post's metadata where the network allows it (YouTube's videos.update). */
  updateMetadata?(input: MetadataInput, ctx: ConnectorContext): Promise<MetadataOutcome>;
}

/** Who wrote a comment, as the network names them. */
export interface CommentAuthor {
  id: string;
  username: string;
}

/** One comment as GET /api/comments/:id shows it (Ayrshare's fields). */
export interface CommentView {
  commentId: string;
  comment: string;
  /** ISO 8601. */
  created: string;
  from: CommentAuthor;
  hidden: boolean;
  likeCount: number;
  /** The network's id of what it comments on (the post, or the comment it replies to). */
  postId: string;
  username: string;
  replies?: CommentView[];
  /** Network-specific fields kept beside Ayrshare's (LinkedIn's commentUrn, Bluesky's cid). */
  extra?: Record<string, unknown>;
}

export interface CommentWrite {
  /**
   * Herald's id of this comment on this network: the same across every attempt, the
   * idempotency key where the network takes one (Bluesky's record key, Mastodon's header).
   */
  key: string;
  text: string;
  media: readonly MediaItem[];
  account: LinkedAccount;
  /** The network's id of the post commented on (what a reply belongs to, when known). */
  postId: string;
  /** A reply: the network's id of the comment replied to. */
  parentId?: string;
  /** The text of the post commented on, when Herald published it (the sandbox's triggers read it). */
  postText?: string;
  requestSecrets?: Readonly<Record<string, string>>;
}

export type CommentWriteOutcome =
  | { kind: 'commented'; id: string; extra?: Record<string, unknown> }
  | { kind: 'failed'; error: ErrorSpec }
  /** The request left and no answer came back: the comment may or may not exist. */
  | { kind: 'unknown'; reason: string };

export interface CommentRead {
  /** The network's id of a post, or of a comment when `of` is `comment` (its replies are read). */
  id: string;
  of: 'post' | 'comment';
  /** For a comment's replies: the post it belongs to, where Herald knows it (TikTok needs it). */
  postId?: string;
  account: LinkedAccount;
  postText?: string;
  requestSecrets?: Readonly<Record<string, string>>;
}

export type CommentListOutcome =
  | { kind: 'listed'; comments: CommentView[] }
  | { kind: 'failed'; error: ErrorSpec };

export interface CommentDelete {
  /** The network's id of the comment. */
  commentId: string;
  account: LinkedAccount;
  /** The post it is on, where the network's delete needs it (Reddit, LinkedIn). */
  postId?: string;
  postText?: string;
  requestSecrets?: Readonly<Record<string, string>>;
}

/**
 * A network's comments. Every call is one request of the user's (or the first-comment
 * job's); the core records the claim before a write, so `comment`/`reply` are never
 * repeated on a guess: a lost answer is `unknown`, and `reconcile` (where the network can
 * find a comment by the key Herald chose) settles it.
 */
export interface CommentsCapability {
  comment(input: CommentWrite, ctx: ConnectorContext): Promise<CommentWriteOutcome>;
  reply(input: CommentWrite & { parentId: string }, ctx: ConnectorContext): Promise<CommentWriteOutcome>;
  list(input: CommentRead, ctx: ConnectorContext): Promise<CommentListOutcome>;
  delete(input: CommentDelete, ctx: ConnectorContext): Promise<DeleteOutcome>;
  /** Looks a write up by its key: found, certainly absent (`not-found`), or still unknown. */
  reconcile?(
    input: CommentWrite,
    ctx: ConnectorContext,
  ): Promise<CommentWriteOutcome | { kind: 'not-found' }>;
}

/** A network's structured error signal, the only input of an error table. */
export interface ErrorSignal {
  status: number;
  /** The network's error name or code (`ExpiredToken`, `190`, `RATELIMIT`). */
  code?: string | number;
  subcode?: string | number;
  headers?: Headers;
}

export interface ErrorRow {
  /** Every given field must equal the signal's; `status` may be a list. */
  when: { status?: number | readonly number[]; code?: string | number; subcode?: string | number };
  /** Catalog code and variant it maps to; `platform` is filled by the connector. */
  maps: Omit<ErrorSpec, 'platform'>;
  /** What Herald does with it before giving up. */
  retry?: 'refresh-session' | 'after-reset' | 'backoff';
  /** Human note for the docs and tests. */
  note: string;
}
