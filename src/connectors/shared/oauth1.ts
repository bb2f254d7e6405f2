import { createHmac, randomBytes } from 'node:crypto';

/**
 * OAuth 1.0a request signing with HMAC-SHA1 (RFC 5849 §3), as X requires for
 * user-context calls made with a developer's own app keys. Pure functions: the
 * keys are used here and go nowhere else (never logged, never returned).
 */

export interface OAuth1Keys {
  consumerKey: string;
  consumerSecret: string;
  token: string;
  tokenSecret: string;
}

export type Param = readonly [name: string, value: string];

/** RFC 3986 unreserved characters stay; everything else is %XX of its UTF-8 bytes (RFC 5849 §3.6). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Scheme and host in lower case, default port dropped, no query or fragment (RFC 5849 §3.4.1.2). */
export function baseStringUri(url: URL): string {
  const scheme = url.protocol.toLowerCase();
  const defaultPort =
    (scheme === 'http:' && url.port === '80') || (scheme === 'https:' && url.port === '443');
  const port = url.port === '' || defaultPort ? '' : `:${url.port}`;
  return `${scheme}//${url.hostname.toLowerCase()}${port}${url.pathname}`;
}

/** Parameters encoded, then sorted by name and value, joined as `name=value&…` (RFC 5849 §3.4.1.3.2). */
export function normalizeParameters(params: readonly Param[]): string {
  return params
    .map(([name, value]) => [percentEncode(name), percentEncode(value)] as const)
    .sort(([an, av], [bn, bv]) => (an === bn ? compare(av, bv) : compare(an, bn)))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

function compare(a: string, b: string): number {
  // Encoded strings are ASCII: code-unit order is byte order, as the RFC asks.
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The signature base string. `params` are the query parameters (decoded), the
 * form-encoded body parameters, and the oauth_* protocol parameters; a JSON or
 * multipart body is not part of it.
 */
export function signatureBaseString(method: string, url: URL, params: readonly Param[]): string {
  return [
    method.toUpperCase(),
    percentEncode(baseStringUri(url)),
    percentEncode(normalizeParameters(params)),
  ].join('&');
}

export function hmacSha1(baseString: string, consumerSecret: string, tokenSecret: string): string {
  const key = `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`;
  return createHmac('sha1', key).update(baseString).digest('base64');
}

export interface SignOptions {
  method: string;
  url: string;
  /** Parameters of an application/x-www-form-urlencoded body, if the request has one. */
  formParams?: readonly Param[];
  /**
   * More protocol parameters (RFC 5849 §2): `oauth_callback` when asking for a request
   * token, `oauth_verifier` when trading it for an access token.
   */
  protocolParams?: readonly Param[];
  /** Fixed values for tests; a fresh random nonce and the current time otherwise. */
  nonce?: string;
  timestamp?: string;
}

/** The `Authorization: OAuth …` header value for one request (RFC 5849 §3.5.1). */
export function authorizationHeader(keys: OAuth1Keys, options: SignOptions): string {
  const url = new URL(options.url);
  const protocol: Param[] = [
    ['oauth_consumer_key', keys.consumerKey],
    ['oauth_nonce', options.nonce ?? randomBytes(16).toString('hex')],
    ['oauth_signature_method', 'HMAC-SHA1'],
    ['oauth_timestamp', options.timestamp ?? String(Math.floor(Date.now() / 1000))],
    // A request for a request token has no token yet (RFC 5849 §2.1): the parameter is left out.
    ...(keys.token ? [['oauth_token', keys.token] as const] : []),
    ['oauth_version', '1.0'],
    ...(options.protocolParams ?? []),
  ];
  const query: Param[] = [...url.searchParams.entries()];
  const base = signatureBaseString(options.method, url, [
    ...query,
    ...(options.formParams ?? []),
    ...protocol,
  ]);
  const signature = hmacSha1(base, keys.consumerSecret, keys.tokenSecret);
  const fields = [...protocol, ['oauth_signature', signature] as const]
    .map(([name, value]) => `${percentEncode(name)}="${percentEncode(value)}"`)
    .join(', ');
  return `OAuth ${fields}`;
}
