import type { AllowList } from '../media/allow-list.ts';
import { isAllowListed } from '../media/allow-list.ts';
import { parseIp } from '../media/ip-address.ts';
import { decideUrl, type ResolvedAddress, type Resolver } from '../media/url-decision.ts';

/**
 * Why a webhook URL cannot be registered, or undefined. The same rules as every
 * delivery (which decides again, since a name may resolve elsewhere later): http(s)
 * without credentials; https, except to a host HERALD_MEDIA_ALLOW lists outside
 * production; public addresses only, unless allowlisted. A name that does not resolve
 * now is accepted: deliveries are retried for a day.
 */
export async function webhookUrlProblem(
  raw: string,
  options: { production: boolean; allow: AllowList; resolve: Resolver },
): Promise<string | undefined> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'it is not a valid URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'only https URLs are called';
  if (url.username || url.password) return 'a URL with credentials is not called';
  if (url.hash) return 'a URL with a #fragment is not called (the receiver would never see it)';
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  let addresses: readonly ResolvedAddress[] | undefined;
  const literal = parseIp(hostname);
  if (!literal) {
    try {
      addresses = await options.resolve(hostname);
    } catch {
      addresses = undefined;
    }
  }
  if (url.protocol === 'http:') {
    if (options.production) return 'https is required in production (HERALD_ENV=production)';
    const ips = literal ? [literal] : (addresses ?? []).map((a) => parseIp(a.address));
    const allowed = ips.length > 0 && ips.every((ip) => ip && isAllowListed(options.allow, hostname, ip));
    if (!allowed) return 'https is required (plain http only to a host HERALD_MEDIA_ALLOW lists)';
  }
  if (!literal && addresses === undefined) return undefined;
  const decision = await decideUrl(url, options.allow, async () => addresses ?? []);
  return decision.allowed ? undefined : decision.reason;
}
