import type { ErrorSpec } from '../../errors/build.ts';
import type { OAuth1Keys } from '../shared/oauth1.ts';

/**
 * X's bring-your-own app keys. The developer's consumer key and secret arrive as
 * request headers on every X-bound call (the core hands them over lower-cased, as
 * `requestSecrets`); the account's access token and secret were stored at link
 * time. The consumer keys are only ever used to sign: never stored, never logged.
 */

export const API_KEY_HEADER = 'x-twitter-oauth1-api-key';
export const API_SECRET_HEADER = 'x-twitter-oauth1-api-secret';

export type RequestSecrets = Readonly<Record<string, string>> | undefined;

function present(secrets: RequestSecrets, name: string): string | undefined {
  const value = secrets?.[name]?.trim();
  return value ? value : undefined;
}

/** 419 with the variant the seed prints for which header is missing; undefined when both came. */
export function missingKeys(secrets: RequestSecrets): ErrorSpec | undefined {
  const key = present(secrets, API_KEY_HEADER);
  const secret = present(secrets, API_SECRET_HEADER);
  if (key && secret) return undefined;
  const variant = key ? 'missingSecret' : secret ? 'missingKey' : undefined;
  return { code: 419, platform: 'twitter', ...(variant ? { variant } : {}) };
}

/**
 * An account linked the legacy way: through a hosted app rather than the developer's
 * own, so there is no OAuth 1.0a token secret to sign with (an OAuth 2.0 bearer was
 * stored), or an imported account explicitly flagged `legacy: true`. Linking through
 * Herald always stores both token halves, so only imported accounts can be legacy.
 * Credentials without an access token at all are unknown (the core validates a post
 * before it decrypts anything), not legacy.
 */
export function isLegacyLink(credentials: Readonly<Record<string, unknown>>): boolean {
  if (credentials.legacy === true) return true;
  return typeof credentials.accessToken === 'string' && typeof credentials.accessTokenSecret !== 'string';
}

export const LEGACY_LINK: ErrorSpec = { code: 423, platform: 'twitter' };

/** Everything needed to sign, or the catalog error that says what is missing. */
export function oauthKeys(
  secrets: RequestSecrets,
  credentials: Readonly<Record<string, unknown>>,
): OAuth1Keys | ErrorSpec {
  if (isLegacyLink(credentials)) return LEGACY_LINK;
  const missing = missingKeys(secrets);
  if (missing) return missing;
  const { accessToken, accessTokenSecret } = credentials;
  if (typeof accessToken !== 'string' || typeof accessTokenSecret !== 'string' || !accessToken) {
    // Stored credentials that no longer parse can only be fixed by linking again.
    return {
      code: 623,
      platform: 'twitter',
      params: { platformName: 'X/Twitter' },
      details: 'the stored credentials have no accessToken',
    };
  }
  return {
    consumerKey: present(secrets, API_KEY_HEADER) ?? '',
    consumerSecret: present(secrets, API_SECRET_HEADER) ?? '',
    token: accessToken,
    tokenSecret: accessTokenSecret,
  };
}

export function isKeys(value: OAuth1Keys | ErrorSpec): value is OAuth1Keys {
  return 'consumerKey' in value;
}
