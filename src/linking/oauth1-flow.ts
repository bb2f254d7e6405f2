import { linkAccount } from '../app/accounts-service.ts';
import type { AppContext } from '../app/context.ts';
import { decryptJson, encryptJson } from '../config/secrets.ts';
import { DECLARATIONS } from '../connectors/declarations.ts';
import { authorizationHeader, type OAuth1Keys } from '../connectors/shared/oauth1.ts';
import { insertFlow, type LinkFlow, markFlowDone } from '../db/link-flows.ts';
import { HeraldError } from '../errors/herald-error.ts';
import { sessionSecrets } from './finish-link.ts';
import { endpointUrl } from './oauth2.ts';
import { callbackUrl, flowExpiry, stateHash } from './oauth2-flow.ts';
import type { PageSession } from './page-session.ts';
import type { OAuth1Network } from './types.ts';

/**
 * X's OAuth 1.0a three-legged flow with the developer's own app keys (sealed in the page
 * session, never stored with the account). The request token plays the part of OAuth
 * 2.0's `state`: its hash names the flow, which only this page's browser can finish.
 * Signatures are shared/oauth1.ts's (RFC 5849, tested against its vectors and X's).
 */

function keysOf(
  app: AppContext,
  page: PageSession,
  network: OAuth1Network,
): Omit<OAuth1Keys, 'token' | 'tokenSecret'> {
  const secrets = sessionSecrets(app, page);
  const consumerKey = secrets[network.keyHeaders.key];
  const consumerSecret = secrets[network.keyHeaders.secret];
  if (!consumerKey || !consumerSecret) throw new HeraldError({ code: 419, platform: network.platform });
  return { consumerKey, consumerSecret };
}

function endpoint(
  app: AppContext,
  network: OAuth1Network,
  which: 'requestToken' | 'authorize' | 'accessToken',
): string {
  const authUrl = app.config.linking[network.platform].authUrl;
  return endpointUrl(network[which], authUrl ? { authUrl } : {});
}

/** A signed POST with no body; the answer is form-encoded (or X's error JSON). */
async function signedPost(url: string, keys: OAuth1Keys, protocolParams: [string, string][]) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: authorizationHeader(keys, { method: 'POST', url, protocolParams }) },
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  return { status: response.status, text, form: new URLSearchParams(text) };
}

function refused(network: OAuth1Network, status: number, text: string): HeraldError {
  return new HeraldError({
    code: 665,
    platform: network.platform,
    params: { platformName: DECLARATIONS[network.platform].name },
    details: `HTTP ${status} ${text.slice(0, 300)}`,
  });
}

export async function startOAuth1(
  app: AppContext,
  page: PageSession,
  network: OAuth1Network,
): Promise<string> {
  const keys = { ...keysOf(app, page, network), token: '', tokenSecret: '' };
  let answer: Awaited<ReturnType<typeof signedPost>>;
  try {
    answer = await signedPost(endpoint(app, network, 'requestToken'), keys, [
      ['oauth_callback', callbackUrl(app, network.platform)],
    ]);
  } catch (error) {
    throw refused(network, 0, String(error));
  }
  const token = answer.form.get('oauth_token');
  const secret = answer.form.get('oauth_token_secret');
  if (answer.status !== 200 || !token || !secret || answer.form.get('oauth_callback_confirmed') !== 'true')
    throw refused(network, answer.status, answer.text);
  await insertFlow(app.pool, {
    sessionId: page.session.id,
    profileId: page.profile.id,
    platform: network.platform,
    stateHash: stateHash(token),
    sealed: encryptJson(app.secretKey, { tokenSecret: secret }),
    expiresAt: flowExpiry(page),
  });
  const url = new URL(endpoint(app, network, 'authorize'));
  url.searchParams.set('oauth_token', token);
  return url.href;
}

/** X's answer: `denied` (cancelled) or the verifier traded for the account's token, then linked. */
export async function finishOAuth1(
  app: AppContext,
  page: PageSession,
  flow: LinkFlow,
  network: OAuth1Network,
  query: URLSearchParams,
): Promise<void> {
  const platformName = DECLARATIONS[network.platform].name;
  await markFlowDone(app.pool, flow.id);
  if (query.has('denied')) {
    throw new HeraldError({
      code: 662,
      platform: network.platform,
      params: { platformName },
      details: 'denied',
    });
  }
  const token = query.get('oauth_token') ?? '';
  const verifier = query.get('oauth_verifier') ?? '';
  const { tokenSecret } = decryptJson<{ tokenSecret: string }>(app.secretKey, flow.sealed);
  const keys = { ...keysOf(app, page, network), token, tokenSecret };
  let answer: Awaited<ReturnType<typeof signedPost>>;
  try {
    answer = await signedPost(endpoint(app, network, 'accessToken'), keys, [['oauth_verifier', verifier]]);
  } catch (error) {
    throw refused(network, 0, String(error));
  }
  const accessToken = answer.form.get('oauth_token');
  const accessTokenSecret = answer.form.get('oauth_token_secret');
  if (answer.status !== 200 || !accessToken || !accessTokenSecret)
    throw refused(network, answer.status, answer.text);
  // The connector checks the pair with the same keys (GET /2/users/me); the keys are not stored.
  await linkAccount(
    app,
    page.profile,
    network.platform,
    { accessToken, accessTokenSecret },
    sessionSecrets(app, page),
    {
      linkedVia: 'connect',
    },
  );
}
