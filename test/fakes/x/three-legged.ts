import { randomBytes } from 'node:crypto';
import type { FakeRequest, Reply } from '../http.ts';
import { consentPage } from '../oauth/consent-page.ts';
import type { XState } from './fake-x.ts';
import { expectedSignature, parseOAuthHeader } from './oauth.ts';

/**
 * X's OAuth 1.0a three-legged flow, as its docs give it: POST /oauth/request_token signed
 * with the app's keys and `oauth_callback` → `oauth_token=…&oauth_token_secret=…&
 * oauth_callback_confirmed=true`; GET /oauth/authorize?oauth_token=… (the user's consent
 * page: Authorize app → the callback with oauth_token and oauth_verifier, Cancel → the
 * callback with `denied=<token>`); POST /oauth/access_token signed with the request token
 * and `oauth_verifier` → `oauth_token=…&oauth_token_secret=…&user_id=…&screen_name=…`.
 * Refusals: 401 `{"errors":[{"code":32,"message":"Could not authenticate you."}]}`.
 */

interface RequestToken {
  token: string;
  secret: string;
  appKey: string;
  callback: string;
  verifier?: string;
  used: boolean;
}

const UNAUTHORIZED: Reply = {
  status: 401,
  body: { errors: [{ code: 32, message: 'Could not authenticate you.' }] },
};

export interface ThreeLegged {
  /** The user who signs in at X's authorize page (a username of the fake's users). */
  signedIn: string;
  handle(request: FakeRequest, origin: string): Reply | undefined;
}

export function threeLegged(state: XState): ThreeLegged {
  const pending = new Map<string, RequestToken>();

  function verified(request: FakeRequest, origin: string, tokenSecret: string) {
    const oauth = parseOAuthHeader(request.headers.authorization, { tokenless: true });
    const app = oauth ? state.apps.get(oauth.consumerKey) : undefined;
    if (!oauth || !app) return undefined;
    const expected = expectedSignature(
      request.method,
      origin,
      request.rawUrl,
      oauth,
      app.secret,
      tokenSecret,
    );
    return expected === oauth.signature ? { oauth, app } : undefined;
  }

  const flow: ThreeLegged = {
    signedIn: '',
    handle(request, origin) {
      if (request.method === 'POST' && request.path === '/oauth/request_token') {
        const checked = verified(request, origin, '');
        const callback = checked?.oauth.params.find(([name]) => name === 'oauth_callback')?.[1];
        if (!checked || !callback) return UNAUTHORIZED;
        const token = randomBytes(20).toString('base64url');
        const secret = randomBytes(20).toString('base64url');
        pending.set(token, { token, secret, appKey: checked.app.key, callback, used: false });
        return {
          status: 200,
          body: `oauth_token=${token}&oauth_token_secret=${secret}&oauth_callback_confirmed=true`,
        };
      }
      if (request.method === 'GET' && request.path === '/oauth/authorize') {
        const token = request.query.get('oauth_token') ?? '';
        if (!pending.has(token)) return { status: 400, body: '<h1>This page is no longer valid.</h1>' };
        const page = consentPage('X', flow.signedIn, new URLSearchParams({ state: token }));
        return {
          status: 200,
          body: page.replace('action="/fake/decide"', 'action="/oauth/authorize/decide"'),
        };
      }
      if (request.method === 'POST' && request.path === '/oauth/authorize/decide') {
        const form = new URLSearchParams(request.body.toString('utf8'));
        const found = pending.get(form.get('state') ?? '');
        if (!found) return { status: 400, body: '<h1>This page is no longer valid.</h1>' };
        const back = new URL(found.callback);
        if (form.get('decision') !== 'allow') {
          back.searchParams.set('denied', found.token);
        } else {
          found.verifier = randomBytes(16).toString('base64url');
          back.searchParams.set('oauth_token', found.token);
          back.searchParams.set('oauth_verifier', found.verifier);
        }
        return { status: 302, headers: { location: back.href } };
      }
      if (request.method === 'POST' && request.path === '/oauth/access_token') {
        const given = parseOAuthHeader(request.headers.authorization);
        const found = given ? pending.get(given.token) : undefined;
        const checked = found ? verified(request, origin, found.secret) : undefined;
        const verifier = checked?.oauth.params.find(([name]) => name === 'oauth_verifier')?.[1];
        if (!found || !checked || found.used || !found.verifier || verifier !== found.verifier)
          return UNAUTHORIZED;
        found.used = true;
        const user = [...state.users.values()].find((u) => u.username === flow.signedIn);
        if (!user) return UNAUTHORIZED;
        // The token is generated for this app: X's user-context calls check the pair.
        user.token = `${user.id}-${randomBytes(16).toString('base64url')}`;
        user.tokenSecret = randomBytes(20).toString('base64url');
        user.appKey = found.appKey;
        return {
          status: 200,
          body: `oauth_token=${user.token}&oauth_token_secret=${user.tokenSecret}&user_id=${user.id}&screen_name=${user.username}`,
        };
      }
      return undefined;
    },
  };
  return flow;
}
