import { linkAccount } from '../app/accounts-service.ts';
import type { AppContext } from '../app/context.ts';
import { decryptJson, encryptJson } from '../config/secrets.ts';
import { PLATFORM_NAME } from '../connectors/mastodon/errors.ts';
import { instanceNetwork, instanceOrigin, registerApp } from '../connectors/mastodon/oauth.ts';
import { insertFlow, type LinkFlow, markFlowDone } from '../db/link-flows.ts';
import { findMastodonApp, saveMastodonApp } from '../db/mastodon-apps.ts';
import { HeraldError } from '../errors/herald-error.ts';
import { apiFetch } from '../media/api-fetch.ts';
import { mediaService } from '../media/media-service.ts';
import { beginAuthorization, exchangeCode, type OAuthClient } from './oauth2.ts';
import { callbackUrl, flowExpiry, stateHash } from './oauth2-flow.ts';
import type { PageSession } from './page-session.ts';

/**
 * Mastodon on the connect page: the instance the user typed, Herald's app there
 * (registered once, cached in mastodon_apps, its secret sealed), then the instance's own
 * OAuth 2.0 flow through the one OAuth module. The instance is a server a user chose, so
 * every call to it goes through the SSRF-safe fetcher (public addresses only, unless
 * HERALD_MEDIA_ALLOW lists it).
 */

function userServerFetch(app: AppContext): typeof fetch {
  return apiFetch(mediaService(app).policy);
}

async function clientFor(app: AppContext, instance: string): Promise<OAuthClient> {
  const redirectUri = callbackUrl(app, 'mastodon');
  const cached = await findMastodonApp(app.pool, instance);
  if (cached && cached.redirectUri === redirectUri) {
    return {
      clientId: cached.clientId,
      clientSecret: decryptJson<string>(app.secretKey, cached.sealedSecret),
    };
  }
  const registered = await registerApp(instance, redirectUri, app.config.publicUrl, userServerFetch(app));
  await saveMastodonApp(app.pool, {
    instance,
    redirectUri,
    clientId: registered.clientId,
    sealedSecret: encryptJson(app.secretKey, registered.clientSecret),
  });
  return registered;
}

export async function startInstance(app: AppContext, page: PageSession, typed: string): Promise<string> {
  const instance = instanceOrigin(typed);
  if (!instance) {
    throw new HeraldError({
      code: 613,
      params: { platformName: PLATFORM_NAME },
      details: 'type the address of your server, e.g. https://mastodon.social',
    });
  }
  const network = instanceNetwork(instance);
  const authorization = await beginAuthorization(
    network,
    await clientFor(app, instance),
    callbackUrl(app, 'mastodon'),
  );
  await insertFlow(app.pool, {
    sessionId: page.session.id,
    profileId: page.profile.id,
    platform: 'mastodon',
    stateHash: stateHash(authorization.state),
    sealed: encryptJson(app.secretKey, { verifier: authorization.codeVerifier ?? null, instance }),
    expiresAt: flowExpiry(page),
  });
  return authorization.url;
}

export async function finishInstance(
  app: AppContext,
  page: PageSession,
  flow: LinkFlow,
  callback: URLSearchParams,
  state: string,
): Promise<void> {
  const { verifier, instance } = decryptJson<{ verifier: string | null; instance: string }>(
    app.secretKey,
    flow.sealed,
  );
  await markFlowDone(app.pool, flow.id);
  const network = instanceNetwork(instance);
  const exchanged = await exchangeCode(
    network,
    await clientFor(app, instance),
    callback,
    state,
    verifier ?? undefined,
    callbackUrl(app, 'mastodon'),
    userServerFetch(app),
    PLATFORM_NAME,
  );
  if (!exchanged.ok) throw new HeraldError(exchanged.error);
  await linkAccount(
    app,
    page.profile,
    'mastodon',
    network.credentials(exchanged.grant, { id: instance, name: '', kind: '', data: {} }),
    {},
    {
      linkedVia: 'connect',
    },
  );
}
