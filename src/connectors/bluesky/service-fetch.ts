import type { ConnectorContext } from '../types.ts';

/**
 * The PDS Herald is configured with (`HERALD_BLUESKY_API_URL`, bsky.social by default) is
 * the operator's choice. Any other `service` comes from whoever links the account: it is
 * reached only through the SSRF-safe fetcher (public addresses, unless `HERALD_MEDIA_ALLOW`
 * lists them), so nobody can point Herald at a private or cloud-metadata address.
 */
export function fetchForService(
  service: string,
  ctx: Pick<ConnectorContext, 'baseUrl' | 'fetch' | 'fetchUserServer'>,
): typeof fetch {
  if (sameOrigin(service, ctx.baseUrl)) return ctx.fetch;
  if (ctx.fetchUserServer) return ctx.fetchUserServer;
  return (async () => {
    throw new TypeError('no SSRF-safe fetcher for a user-supplied Bluesky service');
  }) as typeof fetch;
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}
