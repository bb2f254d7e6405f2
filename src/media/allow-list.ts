import { type IpAddress, inPrefix, parseIp, unmapped } from './ip-address.ts';

/**
 * HERALD_MEDIA_ALLOW: comma-separated host names, IP addresses or CIDR blocks that
 * may be fetched even though they are not public (tests on loopback, an intranet
 * media server). Empty by default: only public addresses are fetched.
 */
export interface AllowList {
  hosts: ReadonlySet<string>;
  networks: readonly { network: IpAddress; bits: number }[];
}

export function parseAllowList(raw: string | undefined): { allow: AllowList; problems: string[] } {
  const hosts = new Set<string>();
  const networks: { network: IpAddress; bits: number }[] = [];
  const problems: string[] = [];
  for (const entry of (raw ?? '').split(',').map((e) => e.trim().toLowerCase())) {
    if (entry === '') continue;
    const [address, bitsText, extra] = entry.split('/');
    const ip = address ? parseIp(address) : undefined;
    if (ip && extra === undefined) {
      const max = ip.family === 4 ? 32 : 128;
      const bits = bitsText === undefined ? max : Number(bitsText);
      if (!Number.isInteger(bits) || bits < 0 || bits > max) {
        problems.push(`HERALD_MEDIA_ALLOW: "${entry}" has a bad prefix length`);
        continue;
      }
      const mapped = unmapped(ip);
      // ::ffff:10.0.0.0/104 and 10.0.0.0/8 mean the same hosts: keep one form.
      networks.push({ network: mapped, bits: mapped === ip ? bits : Math.max(0, bits - 96) });
    } else if (/^[a-z0-9.-]+$/.test(entry) && bitsText === undefined) {
      hosts.add(entry.replace(/\.$/, ''));
    } else {
      problems.push(`HERALD_MEDIA_ALLOW: "${entry}" is neither a host name, an IP address nor a CIDR block`);
    }
  }
  return { allow: { hosts, networks }, problems };
}

/** A host name listed as is, or an address inside a listed block. */
export function isAllowListed(allow: AllowList, host: string, ip: IpAddress): boolean {
  if (allow.hosts.has(host.toLowerCase().replace(/\.$/, ''))) return true;
  const address = unmapped(ip);
  return allow.networks.some((n) => inPrefix(address, n.network, n.bits));
}
