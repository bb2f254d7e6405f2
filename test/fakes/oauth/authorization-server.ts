import { createHash, randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { type FakeRequest, listen, type Reply, send } from '../http.ts';
import { consentPage } from './consent-page.ts';
import type { OAuthShape } from './shapes.ts';

/**
 * A network's OAuth 2.0 authorization server on loopback, one flow shape per network
 * (shapes.ts, from each network's docs): the authorize page (a consent page with Allow
 * and Cancel, as the real ones; Cancel redirects with the network's own error), the
 * token endpoint (authorization_code with single-use codes bound to the client, the
 * redirect URI and the PKCE challenge; refresh_token, rotating where the network does),
 * and GET exchanges (Meta's fb_exchange_token, Threads' th_exchange_token and
 * th_refresh_token). Tokens it issues are handed to `onIssue`, so the network's API
 * fake accepts them.
 */

export interface FakeUser {
  id: string;
  name: string;
}

export interface Issued {
  user: FakeUser;
  accessToken: string;
  refreshToken?: string;
  scopes: string[];
  /** Which grant produced it. */
  via: string;
}

interface Code {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  challenge?: string;
  user: FakeUser;
  expiresAt: number;
  used: boolean;
}

export interface FakeAuthorizationServer {
  url: string;
  shape: OAuthShape;
  client: { id: string; secret: string };
  /** Another client of this server (Mastodon registers one per app with POST /api/v1/apps). */
  addClient(id: string, secret: string): void;
  /** The user signed in at the network (the consent page shows them). */
  user: FakeUser;
  /** Scopes the user grants; undefined: everything asked. */
  grantOnly?: string[];
  /** Every authorize request, as received. */
  authorizeRequests: URLSearchParams[];
  /** Token requests per grant type (authorization_code, refresh_token, fb_exchange_token...). */
  tokenCalls: Map<string, number>;
  issued: Issued[];
  /** From now on this refresh token answers invalid_grant (the user revoked the app). */
  revokeRefreshToken(token: string): void;
  /** The next token request waits for this promise first (to hold a refresh in flight). */
  holdNextToken(until: Promise<void>): void;
  close(): Promise<void>;
}

export interface AuthorizationHandler {
  fake: FakeAuthorizationServer;
  /** Answers the request when it is one of the server's (authorize, decide, token, GET exchanges). */
  handle(request: FakeRequest, res: ServerResponse): Promise<boolean>;
}

/** The server's logic alone, to mount inside another fake (a Mastodon instance serves its own OAuth). */
export function createAuthorization(
  shape: OAuthShape,
  options: { onIssue?: (issued: Issued) => void; user?: FakeUser } = {},
): AuthorizationHandler {
  const codes = new Map<string, Code>();
  const refreshTokens = new Map<string, { user: FakeUser; scopes: string[]; clientId: string }>();
  const accessTokens = new Map<string, { user: FakeUser; scopes: string[] }>();
  let hold: Promise<void> | undefined;
  const clients = new Map<string, string>();

  const fake: FakeAuthorizationServer = {
    url: '',
    shape,
    client: { id: shape.clientId, secret: `secret-${randomBytes(6).toString('hex')}` },
    addClient: (id, secret) => {
      clients.set(id, secret);
    },
    user: options.user ?? { id: 'fake-user-1', name: 'Alice Herald' },
    authorizeRequests: [],
    tokenCalls: new Map(),
    issued: [],
    revokeRefreshToken: (token) => {
      refreshTokens.delete(token);
    },
    holdNextToken: (until) => {
      hold = until;
    },
    close: async () => undefined,
  };

  const issue = async (
    user: FakeUser,
    scopes: string[],
    via: string,
    withRefresh: boolean,
  ): Promise<Record<string, unknown>> => {
    const accessToken = `${shape.tokenPrefix}${randomBytes(12).toString('hex')}`;
    const refreshToken = withRefresh ? `${shape.refreshPrefix}${randomBytes(12).toString('hex')}` : undefined;
    accessTokens.set(accessToken, { user, scopes });
    if (refreshToken) refreshTokens.set(refreshToken, { user, scopes, clientId: fake.client.id });
    const issued: Issued = { user, accessToken, scopes, via, ...(refreshToken ? { refreshToken } : {}) };
    fake.issued.push(issued);
    options.onIssue?.(issued);
    return shape.tokenAnswer({ accessToken, refreshToken, scopes, user, via, clientId: fake.client.id });
  };

  function secretOf(id: string): string | undefined {
    return id === fake.client.id ? fake.client.secret : clients.get(id);
  }

  function known(id: string): boolean {
    return secretOf(id) !== undefined;
  }

  function clientOf(request: FakeRequest, form: URLSearchParams): { id?: string; secret?: string } {
    if (shape.clientAuth === 'basic') {
      const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      if (!basic) return {};
      const [id, secret] = Buffer.from(basic, 'base64').toString('utf8').split(':');
      return { id: decodeURIComponent(id ?? ''), secret: decodeURIComponent(secret ?? '') };
    }
    const idParam = shape.clientAuth === 'post-client-key' ? 'client_key' : 'client_id';
    return { id: form.get(idParam) ?? undefined, secret: form.get('client_secret') ?? undefined };
  }

  function authorize(request: FakeRequest): Reply {
    fake.authorizeRequests.push(request.query);
    const q = request.query;
    const idParam = shape.clientAuth === 'post-client-key' ? 'client_key' : 'client_id';
    // A wrong client or redirect URI is shown on the network's own page, never redirected.
    if (!known(q.get(idParam) ?? '')) return { status: 400, body: '<h1>Invalid client_id</h1>' };
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!shape.redirectUris.some((allowed) => allowed(redirectUri)))
      return { status: 400, body: '<h1>The redirect_uri does not match the registered value</h1>' };
    if (q.get('response_type') !== 'code') return { status: 400, body: '<h1>Unsupported response_type</h1>' };
    if (shape.pkce === 'required' && q.get('code_challenge_method') !== 'S256')
      return redirectError(redirectUri, q.get('state'), {
        error: 'invalid_request',
        error_description: 'code_challenge is required',
      });
    return { status: 200, body: consentPage(shape.name, fake.user.name, q) };
  }

  function redirectError(redirectUri: string, state: string | null, params: Record<string, string>): Reply {
    const url = new URL(redirectUri);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    if (state !== null) url.searchParams.set('state', state);
    return { status: 302, headers: { location: url.href } };
  }

  function decide(request: FakeRequest): Reply {
    const form = new URLSearchParams(request.body.toString('utf8'));
    const redirectUri = form.get('redirect_uri') ?? '';
    const state = form.get('state');
    if (!shape.redirectUris.some((allowed) => allowed(redirectUri)))
      return { status: 400, body: '<h1>Bad redirect_uri</h1>' };
    if (form.get('decision') !== 'allow') return redirectError(redirectUri, state, shape.cancelError);
    const asked = (form.get('scope') ?? '').split(shape.scopeSeparator).filter(Boolean);
    const scopes = fake.grantOnly ? asked.filter((s) => fake.grantOnly?.includes(s)) : asked;
    const code = `${shape.codePrefix}${randomBytes(16).toString('hex')}`;
    codes.set(code, {
      clientId: form.get('client_id') ?? form.get('client_key') ?? fake.client.id,
      redirectUri,
      scopes,
      ...(form.get('code_challenge') ? { challenge: form.get('code_challenge') as string } : {}),
      user: fake.user,
      expiresAt: Date.now() + 10 * 60_000,
      used: false,
    });
    const url = new URL(redirectUri);
    url.searchParams.set('code', code);
    if (state !== null) url.searchParams.set('state', state);
    for (const [k, v] of Object.entries(shape.callbackExtras?.(scopes) ?? {})) url.searchParams.set(k, v);
    return { status: 302, headers: { location: url.href } };
  }

  function tokenError(error: string, description: string): Reply {
    return shape.tokenError(error, description);
  }

  async function exchangeCode(form: URLSearchParams, clientId: string): Promise<Reply> {
    const code = codes.get(form.get('code') ?? '');
    if (!code || code.used || code.expiresAt < Date.now() || code.clientId !== clientId)
      return tokenError('invalid_grant', shape.badCodeDescription);
    // Single use: a second exchange of the same code fails.
    code.used = true;
    if (form.get('redirect_uri') !== code.redirectUri)
      return tokenError('invalid_grant', shape.badCodeDescription);
    const verifier = form.get('code_verifier');
    if (code.challenge) {
      const expected = createHash('sha256')
        .update(verifier ?? '')
        .digest('base64url');
      if (expected !== code.challenge)
        return tokenError('invalid_grant', 'code_verifier does not match the challenge');
    } else if (shape.pkce === 'required') return tokenError('invalid_request', 'code_verifier is required');
    return {
      status: 200,
      body: await issue(code.user, code.scopes, 'authorization_code', shape.issuesRefreshToken),
    };
  }

  async function refresh(form: URLSearchParams, clientId: string): Promise<Reply> {
    const token = form.get('refresh_token') ?? '';
    const known = refreshTokens.get(token);
    if (!known || known.clientId !== clientId)
      return tokenError('invalid_grant', shape.badRefreshDescription);
    // Single-use refresh tokens (TikTok): the one just used stops working.
    if (shape.refreshRotates) refreshTokens.delete(token);
    const answer = await issue(known.user, known.scopes, 'refresh_token', shape.refreshRotates);
    if (!shape.refreshRotates) answer.refresh_token = token;
    return { status: 200, body: answer };
  }

  async function token(request: FakeRequest): Promise<Reply> {
    const form = new URLSearchParams(request.body.toString('utf8'));
    const grantType = form.get('grant_type') ?? '';
    // Counted when it arrives, answered when released.
    fake.tokenCalls.set(grantType, (fake.tokenCalls.get(grantType) ?? 0) + 1);
    if (hold) {
      const waiting = hold;
      hold = undefined;
      await waiting;
    }
    const client = clientOf(request, form);
    if (!client.id || secretOf(client.id) !== client.secret)
      return shape.tokenError('invalid_client', 'Client authentication failed', 401);
    if (grantType === 'authorization_code') return exchangeCode(form, client.id);
    if (grantType === 'refresh_token' && shape.refreshGrant) return refresh(form, client.id);
    return tokenError('unsupported_grant_type', `grant_type ${grantType} is not supported`);
  }

  /** Meta's and Threads' GET exchanges on the token host: the current token traded for a long-lived one. */
  function getExchange(request: FakeRequest): Reply | undefined {
    const exchange = shape.getExchanges?.find((e) => e.path === request.path);
    if (!exchange) return undefined;
    const q = request.query;
    fake.tokenCalls.set(q.get('grant_type') ?? '', (fake.tokenCalls.get(q.get('grant_type') ?? '') ?? 0) + 1);
    if (q.get('grant_type') !== exchange.grantType)
      return tokenError('invalid_request', 'Unsupported grant_type');
    if (exchange.needsSecret && q.get('client_secret') !== fake.client.secret)
      return shape.tokenError('invalid_client', 'Error validating client secret.', 400);
    const current = accessTokens.get(q.get(exchange.tokenParam) ?? '');
    if (!current) return shape.tokenError('invalid_token', 'Invalid OAuth access token.', 400);
    const accessToken = `${shape.tokenPrefix}long-${randomBytes(12).toString('hex')}`;
    accessTokens.set(accessToken, current);
    const issued: Issued = {
      user: current.user,
      accessToken,
      scopes: current.scopes,
      via: exchange.grantType,
    };
    fake.issued.push(issued);
    options.onIssue?.(issued);
    return {
      status: 200,
      body: { access_token: accessToken, token_type: 'bearer', expires_in: exchange.expiresIn },
    };
  }

  async function handle(request: FakeRequest, res: ServerResponse): Promise<boolean> {
    let reply: Reply | undefined;
    if (request.method === 'GET' && request.path === shape.authorizePath) reply = authorize(request);
    else if (request.method === 'POST' && request.path === '/fake/decide') reply = decide(request);
    else if (request.method === 'POST' && request.path === shape.tokenPath) reply = await token(request);
    else if (request.method === 'GET') reply = getExchange(request);
    if (!reply) return false;
    send(res, reply);
    return true;
  }

  return { fake, handle };
}

export async function startAuthorizationServer(
  shape: OAuthShape,
  options: { onIssue?: (issued: Issued) => void; user?: FakeUser } = {},
): Promise<FakeAuthorizationServer> {
  const { fake, handle } = createAuthorization(shape, options);
  const server = await listen(async (request, res) => {
    if (!(await handle(request, res))) send(res, { status: 404, body: { error: 'not_found' } });
  });
  fake.url = server.origin;
  fake.close = server.close;
  return fake;
}
