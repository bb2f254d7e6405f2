import { HeraldError } from '../../errors/herald-error.ts';
import type { InstanceNetwork, OAuth2Network } from '../../linking/types.ts';
import { isObject, readJson } from '../shared/wire.ts';
import { PLATFORM_NAME } from './errors.ts';

/**
 * Linking Mastodon: the user names their instance; Herald registers itself there once
 * (POST /api/v1/apps: client_name, redirect_uris, scopes, website → client_id,
 * client_secret) and runs the instance's OAuth 2.0 code flow (/oauth/authorize,
 * /oauth/token; PKCE S256, which Mastodon takes since 4.3 and older versions ignore).
 * Tokens do not expire. Every call to the instance goes through the SSRF-safe fetcher.
 */

const SCOPES = ['write:statuses', 'write:media', 'read:accounts'];

export const mastodonLinking: InstanceNetwork = { kind: 'instance', platform: 'mastodon', scopes: SCOPES };

/** The instance's origin from what a user typed (`mastodon.social`, `https://mastodon.social/`), or undefined. */
export function instanceOrigin(typed: string): string | undefined {
  const raw = typed.trim();
  if (!raw) return undefined;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password)
      return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

/** The instance as an OAuth 2.0 network: its own endpoints, linked with its own token. */
export function instanceNetwork(instance: string): OAuth2Network {
  return {
    kind: 'oauth2',
    platform: 'mastodon',
    authorize: { origin: instance, path: () => '/oauth/authorize' },
    token: { origin: instance, path: () => '/oauth/token' },
    scopes: SCOPES,
    scopeSeparator: ' ',
    pkce: true,
    clientAuth: 'post',
    refresh: 'none',
    choices: async () => [],
    credentials: (grant) => ({ instance, accessToken: grant.accessToken }),
  };
}

function refused(details: string): HeraldError {
  return new HeraldError({ code: 613, params: { platformName: PLATFORM_NAME }, details });
}

/** POST /api/v1/apps on the instance: Herald's client there. */
export async function registerApp(
  instance: string,
  redirectUri: string,
  website: string,
  fetchFn: typeof fetch,
): Promise<{ clientId: string; clientSecret: string }> {
  let response: Response;
  let body: unknown;
  try {
    response = await fetchFn(`${instance}/api/v1/apps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        client_name: 'Herald',
        redirect_uris: redirectUri,
        scopes: SCOPES.join(' '),
        website,
      }),
      signal: AbortSignal.timeout(15_000),
    });
    body = await readJson(response);
  } catch (error) {
    throw refused(
      `${instance} could not be reached: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const app = isObject(body) ? body : {};
  if (!response.ok || typeof app.client_id !== 'string' || typeof app.client_secret !== 'string') {
    const words =
      typeof app.error === 'string' ? app.error : `not a Mastodon instance (HTTP ${response.status})`;
    throw refused(`${instance}: ${words}`);
  }
  return { clientId: app.client_id, clientSecret: app.client_secret };
}
