import { classify } from '../shared/error-table.ts';
import type { ConnectorContext } from '../types.ts';
import type { Failed, Session, XrpcClient, XrpcFailure, XrpcResult } from './client.ts';
import { BLUESKY_ERRORS, signalOf } from './errors.ts';

/** What Herald stores for a Bluesky account (encrypted by the core). */
export interface BlueskyCredentials {
  service: string;
  identifier: string;
  appPassword: string;
  session?: Session;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function isWebUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    // Unparseable: reported to the caller as a credential problem.
    return false;
  }
}

function sessionOf(value: unknown): Session | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { accessJwt, refreshJwt, did, handle } = value as Record<string, unknown>;
  return typeof accessJwt === 'string' &&
    typeof refreshJwt === 'string' &&
    typeof did === 'string' &&
    typeof handle === 'string'
    ? { accessJwt, refreshJwt, did, handle }
    : undefined;
}

/** Credentials as sent or stored; a string names the first missing field. */
export function parseCredentials(
  raw: Readonly<Record<string, unknown>>,
  defaultService: string,
): BlueskyCredentials | string {
  const identifier = text(raw.identifier);
  const appPassword = text(raw.appPassword);
  if (!identifier) return 'identifier is required (a handle or an email address)';
  if (!appPassword) return 'appPassword is required';
  const service = text(raw.service) ?? defaultService;
  if (!isWebUrl(service)) return `service must be an http(s) URL, got ${JSON.stringify(service)}`;
  const credentials: BlueskyCredentials = { service, identifier, appPassword };
  const session = sessionOf(raw.session);
  if (session) credentials.session = session;
  return credentials;
}

export function toStored(credentials: BlueskyCredentials): Record<string, unknown> {
  return { ...credentials };
}

function needsRefresh(failure: XrpcFailure): boolean {
  return failure.kind === 'xrpc' && classify(BLUESKY_ERRORS, signalOf(failure))?.retry === 'refresh-session';
}

/**
 * Runs authenticated calls with the stored session. Sessions are reused because
 * createSession is rate limited (30 per 5 minutes per account); an expired access
 * token is refreshed once, falling back to the app password, and saved.
 */
export class SessionKeeper {
  private readonly client: XrpcClient;
  private credentials: BlueskyCredentials;
  private readonly ctx: ConnectorContext;

  constructor(client: XrpcClient, credentials: BlueskyCredentials, ctx: ConnectorContext) {
    this.client = client;
    this.credentials = credentials;
    this.ctx = ctx;
  }

  get session(): Session | undefined {
    return this.credentials.session;
  }

  async run<T>(call: (accessJwt: string) => Promise<XrpcResult<T>>): Promise<XrpcResult<T>> {
    const current = this.credentials.session ? ok(this.credentials.session) : await this.login();
    if (!current.ok) return notSent(current);
    const first = await call(current.value.accessJwt);
    if (first.ok || !needsRefresh(first.failure)) return first;
    const renewed = await this.renew(current.value);
    if (!renewed.ok) return notSent(renewed);
    return call(renewed.value.accessJwt);
  }

  private async renew(session: Session): Promise<XrpcResult<Session>> {
    const refreshed = await this.client.refreshSession(session.refreshJwt);
    if (refreshed.ok) {
      await this.save(refreshed.value);
      return refreshed;
    }
    // A refresh token expires too (or was rotated by a concurrent refresh): log in again.
    if (refreshed.failure.kind === 'network') return refreshed;
    this.ctx.log.info({ error: refreshed.failure.error }, 'bluesky: refresh failed, logging in again');
    return this.login();
  }

  private async login(): Promise<XrpcResult<Session>> {
    const created = await this.client.createSession(
      this.credentials.identifier,
      this.credentials.appPassword,
    );
    if (created.ok) await this.save(created.value);
    return created;
  }

  private async save(session: Session): Promise<void> {
    this.credentials = { ...this.credentials, session };
    try {
      await this.ctx.saveCredentials(toStored(this.credentials));
    } catch (error) {
      // The new session still serves this attempt; the next one logs in again with the app password.
      this.ctx.log.warn({ error: String(error) }, 'bluesky: could not store the refreshed session');
    }
  }
}

/** A session that could not be had means the call itself never left, whatever became of the login. */
function notSent(result: Failed): Failed {
  const { failure } = result;
  return failure.kind === 'network' ? { ok: false, failure: { ...failure, mayHaveArrived: false } } : result;
}

function ok(session: Session): XrpcResult<Session> {
  return { ok: true, value: session, headers: new Headers() };
}
