import { createHash } from 'node:crypto';
import type { AppContext } from '../app/context.ts';
import { NETWORK_DEFAULTS } from '../config/networks.ts';
import { decryptJson, encryptJson } from '../config/secrets.ts';
import { DECLARATIONS } from '../connectors/declarations.ts';
import type { LinkFlow } from '../db/link-flows.ts';
import { awaitChoice, findChoosingFlow, finishChoosing, insertFlow, markFlowDone } from '../db/link-flows.ts';
import { HeraldError } from '../errors/herald-error.ts';
import type { Platform } from '../platforms.ts';
import { linkChoice } from './finish-link.ts';
import {
  beginAuthorization,
  exchangeCode,
  exchangeError,
  getTokenExchange,
  type OAuthClient,
} from './oauth2.ts';
import { operatorClient } from './page-model.ts';
import type { PageSession } from './page-session.ts';
import type { Choice, Grant, LinkingContext, OAuth2Network } from './types.ts';

/**
 * The OAuth 2.0 code flow of the connect page: start (a state bound to the page
 * session, PKCE where the network takes it), callback (state consumed once, code
 * exchanged, choices listed), and the pick when a login may post as several accounts.
 */

/** How long a started authorization may wait for its answer (never past the page). */
const FLOW_MS = 15 * 60_000;

export function stateHash(state: string): string {
  return createHash('sha256').update(state, 'utf8').digest('hex');
}

export function callbackUrl(app: AppContext, platform: Platform): string {
  return `${app.config.publicUrl}/connect/callback/${platform}`;
}

export function flowExpiry(page: PageSession): Date {
  return new Date(Math.min(page.session.expiresAt.getTime(), Date.now() + FLOW_MS));
}

function clientFor(app: AppContext, network: OAuth2Network): OAuthClient {
  const client = operatorClient(app, network.platform);
  if (!client) {
    throw new HeraldError({
      code: 663,
      platform: network.platform,
      params: {
        platformName: DECLARATIONS[network.platform].name,
        variable: `HERALD_${network.platform.toUpperCase()}_CLIENT_ID, HERALD_${network.platform.toUpperCase()}_CLIENT_SECRET`,
      },
    });
  }
  return client;
}

export function linkingContext(app: AppContext, platform: Platform): LinkingContext {
  const endpoint = app.config.networks[platform];
  return {
    apiUrl: endpoint.url,
    apiUrlIsDefault: endpoint.url === NETWORK_DEFAULTS[platform].url,
    ...(endpoint.version ? { apiVersion: endpoint.version } : {}),
    fetch: globalThis.fetch,
  };
}

/** Starts an authorization: the URL of the network's page to send the browser to. */
export async function startOAuth2(
  app: AppContext,
  page: PageSession,
  network: OAuth2Network,
): Promise<string> {
  const client = clientFor(app, network);
  const authorization = await beginAuthorization(network, client, callbackUrl(app, network.platform));
  await insertFlow(app.pool, {
    sessionId: page.session.id,
    profileId: page.profile.id,
    platform: network.platform,
    stateHash: stateHash(authorization.state),
    sealed: encryptJson(app.secretKey, { verifier: authorization.codeVerifier ?? null }),
    expiresAt: flowExpiry(page),
  });
  return authorization.url;
}

interface Pending {
  grant: Grant;
  choices: Choice[];
}

export type CallbackResult = { kind: 'linked'; platform: Platform } | { kind: 'choose'; flowId: string };

/** The network's answer: checked, exchanged, and linked (or kept for the pick). */
export async function finishOAuth2(
  app: AppContext,
  page: PageSession,
  flow: LinkFlow,
  network: OAuth2Network,
  callback: URLSearchParams,
  state: string,
): Promise<CallbackResult> {
  const client = clientFor(app, network);
  const platformName = DECLARATIONS[network.platform].name;
  const { verifier } = decryptJson<{ verifier: string | null }>(app.secretKey, flow.sealed);
  const exchanged = await exchangeCode(
    network,
    client,
    callback,
    state,
    verifier ?? undefined,
    callbackUrl(app, network.platform),
    globalThis.fetch,
    platformName,
  );
  if (!exchanged.ok) throw new HeraldError(exchanged.error);
  const grant = await longLived(network, client, exchanged.grant, platformName);
  const missing = (network.requiredScopes ?? []).filter((s) => grant.scopes && !grant.scopes.includes(s));
  if (missing.length > 0) {
    throw new HeraldError({
      code: 664,
      platform: network.platform,
      params: { platformName, missing: missing.join(', ') },
    });
  }
  const choices = await network.choices(grant, linkingContext(app, network.platform));
  if (choices.length === 1 && choices[0]) {
    await linkChoice(app, page, network, grant, choices[0]);
    await markFlowDone(app.pool, flow.id);
    return { kind: 'linked', platform: network.platform };
  }
  const pending: Pending = { grant, choices };
  await awaitChoice(app.pool, flow.id, encryptJson(app.secretKey, pending));
  return { kind: 'choose', flowId: flow.id };
}

/** Meta and Threads give a short-lived token first: it is traded for the long-lived one. */
async function longLived(
  network: OAuth2Network,
  client: OAuthClient,
  grant: Grant,
  platformName: string,
): Promise<Grant> {
  if (!network.longLived) return grant;
  const query: Record<string, string> = {
    ...network.longLived.params(grant),
    client_secret: client.clientSecret,
  };
  if (network.longLived.withClientId) query.client_id = client.clientId;
  const traded = await getTokenExchange(
    network,
    client,
    network.longLived.path(client.version),
    query,
    globalThis.fetch,
  );
  if (!traded.ok) throw new HeraldError(exchangeError(network, traded.refusal, platformName));
  // The long-lived answer names no user: what the first answer said (Threads' user_id) is kept.
  return {
    ...traded.grant,
    raw: { ...grant.raw, ...traded.grant.raw },
    ...(grant.scopes ? { scopes: grant.scopes } : {}),
  };
}

/** The choices of a flow waiting for its pick (for the choose page). */
export async function pendingChoices(app: AppContext, page: PageSession, flowId: string) {
  const flow = await findChoosingFlow(app.pool, flowId, page.session.id);
  if (!flow) return undefined;
  return { flow, pending: decryptJson<Pending>(app.secretKey, flow.sealed) };
}

/** The user picked: link that one account, once. */
export async function linkPicked(
  app: AppContext,
  page: PageSession,
  network: OAuth2Network,
  flowId: string,
  choiceId: string,
): Promise<boolean> {
  const found = await pendingChoices(app, page, flowId);
  if (!found || found.flow.platform !== network.platform) return false;
  const choice = found.pending.choices.find((c) => c.id === choiceId);
  if (!choice) return false;
  if (!(await finishChoosing(app.pool, flowId))) return false;
  await linkChoice(app, page, network, found.pending.grant, choice);
  return true;
}
