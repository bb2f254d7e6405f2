import { createHmac } from 'node:crypto';

/**
 * The fake's own OAuth 1.0a check, written apart from the connector's signer so a
 * mistake in one cannot hide in the other (both are pinned by RFC 5849 vectors).
 */

const encode = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export interface OAuthHeader {
  consumerKey: string;
  token: string;
  nonce: string;
  timestamp: string;
  signature: string;
  params: [string, string][];
}

/** `tokenless`: a request for a request token carries no oauth_token (RFC 5849 §2.1). */
export function parseOAuthHeader(
  header: string | undefined,
  options: { tokenless?: boolean } = {},
): OAuthHeader | undefined {
  if (!header?.startsWith('OAuth ')) return undefined;
  const params: [string, string][] = [];
  for (const part of header.slice(6).split(',')) {
    const match = /^\s*([^=\s]+)="([^"]*)"\s*$/.exec(part);
    if (!match) return undefined;
    params.push([decodeURIComponent(match[1] ?? ''), decodeURIComponent(match[2] ?? '')]);
  }
  const get = (name: string) => params.find(([n]) => n === name)?.[1];
  const consumerKey = get('oauth_consumer_key');
  const token = get('oauth_token');
  const nonce = get('oauth_nonce');
  const timestamp = get('oauth_timestamp');
  const signature = get('oauth_signature');
  if (!consumerKey || (!token && !options.tokenless) || !nonce || !timestamp || !signature) return undefined;
  if (get('oauth_signature_method') !== 'HMAC-SHA1') return undefined;
  return {
    consumerKey,
    token: token ?? '',
    nonce,
    timestamp,
    signature,
    params: params.filter(([n]) => n !== 'oauth_signature' && n !== 'realm'),
  };
}

/** The signature X would compute for this request (query parameters signed, JSON/multipart bodies not). */
export function expectedSignature(
  method: string,
  origin: string,
  pathAndQuery: string,
  oauth: OAuthHeader,
  consumerSecret: string,
  tokenSecret: string,
): string {
  const url = new URL(pathAndQuery, origin);
  const pairs = [...url.searchParams.entries(), ...oauth.params]
    .map(([k, v]) => [encode(k), encode(v)])
    .sort(([ak = '', av = ''], [bk = '', bv = '']) => (ak === bk ? (av < bv ? -1 : 1) : ak < bk ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`);
  const base = `${method.toUpperCase()}&${encode(`${origin}${url.pathname}`)}&${encode(pairs.join('&'))}`;
  return createHmac('sha1', `${encode(consumerSecret)}&${encode(tokenSecret)}`)
    .update(base)
    .digest('base64');
}
