import type { ErrorSpec } from '../errors/build.ts';
import type { ConnectorContext, ErrorRow, LinkedAccount } from './types.ts';

/**
 * The optional analytics capability of a connector: metrics of a post, metrics of the
 * account, and the account's own posts on the network (history). Like publishing, it
 * knows one network's wire format and nothing of Herald's store: the core caches what
 * it answers (per account and object, until `nextUpdate`) and builds the envelope.
 */

/** Ayrshare-shaped metrics of one object, as the response's `analytics` object shows them. */
export type Metrics = Record<string, unknown>;

interface AnalyticsCall {
  account: LinkedAccount;
  /** Request-scoped secrets (X's BYO keys), as for publishing: used for the call, never stored. */
  requestSecrets?: Readonly<Record<string, string>>;
}

export interface PostAnalyticsInput extends AnalyticsCall {
  /** The network's id of the post, as publishing stored it (or as the caller gave it). */
  id: string;
  /**
   * What Herald stored when it published the post (absent for a network id the caller
   * gave). A live network answers for itself; only the sandbox reads it (text for its
   * triggers, URL and time for its invented metrics).
   */
  published?: { text: string; postUrl: string; created: string };
}

export interface AccountAnalyticsInput extends AnalyticsCall {
  /** Another account of the same network to describe (X's `userId` / `userName`); default: the linked one. */
  user?: { id?: string; name?: string };
}

export interface HistoryInput extends AnalyticsCall {
  /** Posts per page (1–100, already bounded by the core). */
  limit: number;
  /** The `next` cursor of the previous page, as this connector wrote it. */
  cursor?: string;
  /**
   * Posts Herald published on this account, newest first. A live network lists them
   * itself; only the sandbox, which has no network, reads them.
   */
  published?: readonly { id: string; postUrl: string; text: string; created: string }[];
}

export interface AnalyticsFailure {
  kind: 'failed';
  error: ErrorSpec;
  /**
   * Fields the seed's analytics body carries beside the catalog's, in order after `code`
   * (`errCode`) and after `message` (`pageId`, `id`). Their presence marks a failure that
   * names one object: it is reported under the network's key, never as the whole answer.
   */
  fields?: { errCode?: number; pageId?: string; id?: string };
  /** Seconds the network asked to be left alone (a throttle's reset); the core never asks sooner. */
  waitSeconds?: number;
}

export type AnalyticsOutcome =
  | {
      kind: 'metrics';
      /** The network's id of what was measured (the post, or the account). */
      id: string;
      postUrl?: string;
      analytics: Metrics;
      /** The network refreshes these numbers about this often; default: HERALD_ANALYTICS_CACHE_SECONDS. */
      refreshSeconds?: number;
    }
  | AnalyticsFailure;

export type HistoryOutcome =
  | {
      kind: 'posts';
      /** Newest first, each `{id, post, postUrl, created, …metrics}` as Ayrshare's history shows them. */
      posts: Metrics[];
      /** Cursor of the next page, when there is one. */
      next?: string;
    }
  | AnalyticsFailure;

/**
 * Deterministic, plausible answers for sandbox accounts, built by the same functions that
 * shape the live network's answers (only the numbers are invented, from the seed).
 */
export interface AnalyticsSamples {
  post(seed: SampleSeed): Metrics;
  account(seed: SampleSeed): Metrics;
  /** One post of the account's history; `index` 0 is the newest. */
  historyItem(seed: SampleSeed, index: number): Metrics;
}

export interface SampleSeed {
  /** The object's id (post or account): every number is derived from it. */
  id: string;
  postUrl: string;
  username: string;
  text: string;
  /** ISO time the object was created. */
  created: string;
}

export interface AnalyticsCapability {
  post(input: PostAnalyticsInput, ctx: ConnectorContext): Promise<AnalyticsOutcome>;
  account(input: AccountAnalyticsInput, ctx: ConnectorContext): Promise<AnalyticsOutcome>;
  history(input: HistoryInput, ctx: ConnectorContext): Promise<HistoryOutcome>;
  /**
   * A post the network holds as several objects (an X thread): their ids in order, read from
   * the target's publish progress; the answer is then one result per object, as Ayrshare's.
   */
  threadIds?(progress: Readonly<Record<string, unknown>> | null): string[];
  /** The network's analytics errors where they differ from publishing (tested row by row). */
  errorTable: readonly ErrorRow[];
  samples: AnalyticsSamples;
}
