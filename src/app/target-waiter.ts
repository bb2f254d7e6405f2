import pg from 'pg';
import { CONNECTION_OPTIONS } from '../db/connection-options.ts';
import { APPLICATION_NAMES } from '../db/pool.ts';
import type { Logger } from '../ops/logger.ts';

const BACKOFF_MS = [100, 250, 500, 1000, 2000, 5000];

/**
 * Wakes callers waiting on a post when any of its targets settles, through the
 * `herald_targets` notifications the targets trigger sends: the API and the
 * worker may be different processes on different machines. A slow poll covers
 * the time the notification connection is down.
 *
 * Exactly one LISTEN connection per process, whatever happens to it: a dropped
 * connection (pg may emit `error` more than once for one drop, then `end`) is
 * replaced by one reconnect loop, with backoff, until it listens again; `listening`
 * says whether it does (`/readyz`).
 *
 * The same connection carries `herald_auth` (any change to API keys or profiles, see
 * migration 030) to `onAuthChange` listeners and `herald_accounts` (a profile's accounts
 * changed, migration 035) to `onAccountsChange` listeners, which are also called when the
 * connection is lost and when it listens again: a change made meanwhile was not heard.
 */
export class TargetWaiter {
  private client: pg.Client | undefined;
  /** Per post, its waiters: called with the target that settled, or with nothing (re-check all). */
  private readonly waiting = new Map<string, Set<(targetId?: string) => void>>();
  private readonly authListeners = new Set<() => void>();
  private readonly accountListeners = new Set<(profileId?: string) => void>();
  private closed = false;
  private reconnecting: Promise<void> | undefined;
  private wakeReconnect: (() => void) | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly log: Logger,
    /** Fallback re-check when no notification comes (a dropped LISTEN connection). */
    private readonly pollMs = 1000,
  ) {}

  /** Whether notifications arrive now (false while the connection is being re-established). */
  get listening(): boolean {
    return this.client !== undefined;
  }

  /** Listens once; throws when the database cannot be reached (startup fails loudly). */
  async start(): Promise<void> {
    this.client = await this.connect();
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({
      ...CONNECTION_OPTIONS,
      application_name: APPLICATION_NAMES.listen,
      connectionString: this.connectionString,
    });
    // Attached before connect: an error during connect is handled, never unhandled.
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client));
    client.on('notification', (msg) => {
      if (msg.channel === 'herald_auth') this.authChanged();
      else if (msg.channel === 'herald_accounts') this.accountsChanged(msg.payload || undefined);
      else if (msg.payload) this.notice(msg.payload);
    });
    try {
      await client.connect();
      // herald_targets last: pg_stat_activity shows it as the connection's query (what tests find it by).
      await client.query('LISTEN herald_auth');
      await client.query('LISTEN herald_accounts');
      await client.query('LISTEN herald_targets');
    } catch (err) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      throw err;
    }
    return client;
  }

  /** The listening client is gone: every error and end of it lands here; one loop reconnects. */
  private lost(client: pg.Client, err?: Error): void {
    if (this.closed || client !== this.client) return;
    this.client = undefined;
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    this.log.warn(
      { error: err?.message ?? 'connection ended' },
      'notification connection lost; reconnecting',
    );
    // Every waiter re-checks now: a settle notified while the connection was dying is not lost.
    for (const set of this.waiting.values()) for (const resolve of set) resolve();
    this.authChanged();
    this.accountsChanged(undefined);
    this.reconnecting ??= this.reconnect().finally(() => {
      this.reconnecting = undefined;
    });
  }

  private async reconnect(): Promise<void> {
    for (let attempt = 0; !this.closed; attempt++) {
      const base = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)] as number;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, base / 2 + Math.random() * (base / 2));
        this.wakeReconnect = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (this.closed) return;
      try {
        const client = await this.connect();
        if (this.closed) {
          await client.end().catch(() => undefined);
          return;
        }
        this.client = client;
        this.log.info({ attempts: attempt + 1 }, 'notification connection listening again');
        for (const set of this.waiting.values()) for (const resolve of set) resolve();
        this.authChanged();
        this.accountsChanged(undefined);
        return;
      } catch {
        // still away: the next attempt waits longer
      }
    }
  }

  /** Calls `listener` on every `herald_auth` notification and every loss or return of the connection. */
  onAuthChange(listener: () => void): void {
    this.authListeners.add(listener);
  }

  private authChanged(): void {
    for (const listener of this.authListeners) listener();
  }

  /**
   * Calls `listener` with the profile on every `herald_accounts` notification (migration 035),
   * and with nothing (every profile) on a TRUNCATE and on each loss or return of the connection.
   */
  onAccountsChange(listener: (profileId?: string) => void): void {
    this.accountListeners.add(listener);
  }

  private accountsChanged(profileId: string | undefined): void {
    for (const listener of this.accountListeners) listener(profileId);
  }

  /** `<post id>:<target id>` (migration 033), or a post id alone (a database before it). */
  private notice(payload: string): void {
    const colon = payload.indexOf(':');
    const postId = colon < 0 ? payload : payload.slice(0, colon);
    const targetId = colon < 0 ? undefined : payload.slice(colon + 1);
    for (const listener of this.waiting.get(postId) ?? []) listener(targetId);
  }

  /**
   * Resolves when `isDone()` is true or the deadline passes; returns whether it is done.
   * The listener is registered before the first check, so a notification that arrives
   * while `isDone()` reads the targets is never lost (it makes the loop check again).
   *
   * Each check is told which targets of the post notified since the previous check
   * (`heard`), when that is all that happened; `heard` is undefined for the first check
   * and whenever the check may have missed something (the fallback poll, the connection
   * lost or back, a notification without a target id): then only a read can tell.
   */
  async waitFor(
    postId: string,
    timeoutMs: number,
    isDone: (heard: readonly string[] | undefined) => Promise<boolean>,
  ): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    let woken = false;
    let wake: (() => void) | undefined;
    let heard: string[] = [];
    let blind = true;
    const listener = (targetId?: string) => {
      woken = true;
      if (targetId === undefined) blind = true;
      else heard.push(targetId);
      wake?.();
    };
    const set = this.waiting.get(postId) ?? new Set();
    set.add(listener);
    this.waiting.set(postId, set);
    try {
      for (;;) {
        woken = false;
        const since = blind ? undefined : heard;
        heard = [];
        blind = false;
        if (await isDone(since)) return true;
        const left = deadline - Date.now();
        if (left <= 0 || this.closed) return false;
        if (woken) continue;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(
            () => {
              // The fallback poll: nothing was heard, the next check must read.
              blind = true;
              resolve();
            },
            Math.min(left, this.pollMs),
          );
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    } finally {
      set.delete(listener);
      if (set.size === 0) this.waiting.delete(postId);
    }
  }

  async stop(): Promise<void> {
    this.closed = true;
    this.wakeReconnect?.();
    for (const set of this.waiting.values()) for (const resolve of set) resolve();
    const client = this.client;
    this.client = undefined;
    client?.removeAllListeners('end');
    await client?.end().catch(() => undefined);
    await this.reconnecting;
  }
}
