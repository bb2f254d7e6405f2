import type { Platform } from '../platforms.ts';

/**
 * How an end user links one network on the connect page: data beside each connector
 * (`src/connectors/<id>/oauth.ts`), read by one flow module (`src/linking/`). A
 * network module knows the network's authorization endpoints, scopes and how to list
 * the accounts a login may post as; it imports neither the database, the queue nor config.
 */

/** What a token endpoint answered, as the OAuth library parsed it. */
export interface Grant {
  accessToken: string;
  refreshToken?: string;
  /** Seconds the access token lives, when the network says. */
  expiresIn?: number;
  /** Seconds the refresh token lives (LinkedIn, TikTok, Pinterest say so). */
  refreshExpiresIn?: number;
  /** Scopes granted, split on spaces or commas (networks print both). */
  scopes?: readonly string[];
  /** Every field of the answer (TikTok's open_id, Threads' user_id...). */
  raw: Readonly<Record<string, unknown>>;
}

export interface OwnClient {
  clientId: string;
  clientSecret: string;
  /** A token endpoint the linking user chose (Google's tokenUrl field): reached through the SSRF-safe fetcher. */
  tokenUrl?: string;
}

/** One account a login may link: a member, a Page, a channel, a board, a location. */
export interface Choice {
  /** Stable within the flow (the value of the pick form). */
  id: string;
  name: string;
  /** What it is, in the page's words: "Member", "Organization", "Page", "Board"... */
  kind: string;
  username?: string;
  /** An https URL of its picture, when the network lists one. */
  picture?: string;
  /** What `credentials` needs besides the grant (a Page token, a board id); kept sealed. */
  data: Readonly<Record<string, string>>;
}

/** What a network module may call while listing choices: the network's API, never Herald's store. */
export interface LinkingContext {
  /** HERALD_<NETWORK>_API_URL (or its default), without a trailing slash. */
  apiUrl: string;
  /** The API's default host is in use (not a proxy or test double). */
  apiUrlIsDefault: boolean;
  apiVersion?: string;
  fetch: typeof fetch;
}

/** An endpoint's real origin and its path; HERALD_<NETWORK>_AUTH_URL replaces the origin. */
export interface Endpoint {
  origin: string;
  path(version: string | undefined): string;
}

export interface OAuth2Network {
  kind: 'oauth2';
  platform: Platform;
  authorize: Endpoint;
  token: Endpoint;
  /** Expected `iss` of authorization responses, when the network sends one (Google). */
  issuer?: string;
  scopes: readonly string[];
  /** How the authorize request joins scopes (Meta and TikTok: commas). */
  scopeSeparator: ' ' | ',';
  /** Send a PKCE S256 challenge (only where the network documents it for web apps). */
  pkce: boolean;
  /**
   * How the client proves itself at the token endpoint: `post` (client_id and
   * client_secret in the form), `basic` (HTTP Basic), or `post-client-key` (TikTok's
   * client_key and client_secret in the form).
   */
  clientAuth: 'post' | 'basic' | 'post-client-key';
  /** Extra authorize parameters (Google's access_type=offline, Reddit's duration=permanent). */
  authorizeParams?: Readonly<Record<string, string>>;
  /** Extra headers on token requests (Reddit requires a descriptive User-Agent). */
  tokenHeaders?: Readonly<Record<string, string>>;
  /**
   * The token answer omits `token_type` (LinkedIn, Threads' code exchange): their
   * tokens are bearer tokens, said so before the OAuth library reads the answer.
   */
  impliedBearer?: boolean;
  /** Scopes without which nothing can be posted: a grant lacking one is refused (664). */
  requiredScopes?: readonly string[];
  /**
   * After the code exchange, trade the short-lived token for a long-lived one
   * (Meta's fb_exchange_token, Threads' th_exchange_token): a GET on the token host.
   */
  longLived?: {
    path(version: string | undefined): string;
    /** The query besides client_secret (and client_id when `withClientId`). */
    params(grant: Grant): Record<string, string>;
    withClientId: boolean;
  };
  /**
   * What Herald stores is not the grant's token but one that never expires (a Facebook
   * Page token obtained with a long-lived user token): no expiry, nothing to refresh.
   */
  storedTokenNeverExpires?: boolean;
  /** How the access token is kept alive: a refresh_token grant, Threads' th_refresh_token, or not at all. */
  refresh: 'refresh-token' | 'threads-refresh' | 'none';
  /**
   * The OAuth client of an account linked with POST /api/accounts and its own app's
   * fields (Google's clientId/clientSecret/tokenUrl, TikTok's clientKey...): it is
   * refreshed with that client; otherwise with the operator's.
   */
  ownClient?(credentials: Readonly<Record<string, unknown>>): OwnClient | undefined;
  /**
   * The accounts this grant may link; several → the user picks one. A refusal (no Page,
   * a declined permission) is thrown as a HeraldError with a linking code (664, 666).
   */
  choices(grant: Grant, ctx: LinkingContext): Promise<Choice[]>;
  /** What POST /api/accounts takes for the chosen account (the connector checks it). */
  credentials(grant: Grant, choice: Choice): Record<string, unknown>;
}

/** Form fields of a network linked by typing (Bluesky app password, Telegram bot). */
export interface FormField {
  name: string;
  label: string;
  type: 'text' | 'password' | 'url';
  required: boolean;
  hint?: string;
  autocomplete?: string;
}

export interface FormNetwork {
  kind: 'form';
  platform: Platform;
  fields: readonly FormField[];
  /** Why a form and not the network's OAuth: said on the page. */
  note: string;
}

/** Mastodon: the user names an instance, Herald registers an app there and runs OAuth 2.0. */
export interface InstanceNetwork {
  kind: 'instance';
  platform: Platform;
  scopes: readonly string[];
}

/** X: OAuth 1.0a three-legged with the developer's own app keys (given to generateJWT). */
export interface OAuth1Network {
  kind: 'oauth1';
  platform: Platform;
  requestToken: Endpoint;
  authorize: Endpoint;
  accessToken: Endpoint;
  /** Request headers holding the app keys (the declaration's requestSecrets). */
  keyHeaders: { key: string; secret: string };
}

export type LinkingNetwork = OAuth2Network | FormNetwork | InstanceNetwork | OAuth1Network;
