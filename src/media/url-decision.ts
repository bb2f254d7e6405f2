import dns from 'node:dns';
import { classifyAddress } from './address-ranges.ts';
import { type AllowList, isAllowListed } from './allow-list.ts';
import { formatIp, parseIp } from './ip-address.ts';

/**
 * Whether Herald may fetch a URL, and which address it will connect to. Pure apart
 * from the injected resolver: tests decide with a fake resolver and never send a
 * packet. The fetcher connects to exactly the address decided here (pinned), so a
 * name that resolves differently a second time (DNS rebinding) changes nothing.
 */

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export type Resolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export type UrlDecision =
  | { allowed: true; url: URL; hostname: string; address: string; family: 4 | 6 }
  | { allowed: false; reason: string; nonPublic?: true };

/** The system resolver, every address (the decision refuses a name if any of them is not allowed). */
export const systemResolver: Resolver = async (hostname) => {
  const found = await dns.promises.lookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

function bareHost(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

export async function decideUrl(
  input: string | URL,
  allow: AllowList,
  resolve: Resolver,
): Promise<UrlDecision> {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return { allowed: false, reason: 'not a valid URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { allowed: false, reason: `only http and https URLs are fetched (got ${url.protocol})` };
  if (url.username || url.password)
    return { allowed: false, reason: 'URLs with credentials are not fetched' };
  const hostname = bareHost(url);
  const literal = parseIp(hostname);
  let addresses: ResolvedAddress[];
  if (literal) {
    addresses = [{ address: formatIp(literal), family: literal.family }];
  } else {
    try {
      addresses = [...(await resolve(hostname))];
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      return { allowed: false, reason: `host ${hostname} could not be resolved (${code})` };
    }
    if (addresses.length === 0) return { allowed: false, reason: `host ${hostname} has no address` };
  }
  for (const candidate of addresses) {
    const ip = parseIp(candidate.address);
    if (!ip) return { allowed: false, reason: `host ${hostname} resolved to a malformed address` };
    const { kind, embedded } = classifyAddress(ip);
    if (kind === 'public' || isAllowListed(allow, hostname, ip)) continue;
    const shown = formatIp(ip);
    const via = embedded ? `, carrying ${embedded}` : '';
    const of = literal ? '' : ` for host ${hostname}`;
    // Any refused address refuses the name: picking the "good" one would let a resolver steer us.
    return { allowed: false, reason: `non-public address ${shown} (${kind}${via})${of}`, nonPublic: true };
  }
  const first = addresses[0] as ResolvedAddress;
  return { allowed: true, url, hostname, address: first.address, family: first.family };
}
