import { formatIp, type IpAddress, inPrefix, parseIp } from './ip-address.ts';

/**
 * Which addresses Herald may fetch media from: only globally reachable unicast.
 * Everything else (loopback, private, link-local, CGNAT, multicast, cloud metadata,
 * reserved and documentation blocks) is refused unless HERALD_MEDIA_ALLOW permits it.
 * IPv6 forms that carry an IPv4 address (mapped, NAT64, 6to4) are judged by that address.
 */

export type AddressKind =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'cgnat'
  | 'multicast'
  | 'metadata'
  | 'unspecified'
  | 'broadcast'
  | 'reserved'
  | 'documentation'
  | 'benchmark';

interface Range {
  network: IpAddress;
  bits: number;
  kind: Exclude<AddressKind, 'public'>;
}

function range(cidr: string, kind: Range['kind']): Range {
  const [text, bits] = cidr.split('/') as [string, string];
  const network = parseIp(text);
  if (!network) throw new Error(`address-ranges: bad network ${cidr}`);
  return { network, bits: Number(bits), kind };
}

/** First match wins: the more specific blocks (metadata) come before the blocks holding them. */
const IPV4_RANGES: readonly Range[] = [
  range('169.254.169.254/32', 'metadata'), // AWS, GCP, Azure, OpenStack instance metadata
  range('100.100.100.200/32', 'metadata'), // Alibaba Cloud metadata
  range('192.0.0.192/32', 'metadata'), // Oracle Cloud metadata
  range('0.0.0.0/8', 'unspecified'),
  range('10.0.0.0/8', 'private'),
  range('100.64.0.0/10', 'cgnat'),
  range('127.0.0.0/8', 'loopback'),
  range('169.254.0.0/16', 'link-local'),
  range('172.16.0.0/12', 'private'),
  range('192.0.0.0/24', 'reserved'),
  range('192.0.2.0/24', 'documentation'),
  range('192.88.99.0/24', 'reserved'),
  range('192.168.0.0/16', 'private'),
  range('198.18.0.0/15', 'benchmark'),
  range('198.51.100.0/24', 'documentation'),
  range('203.0.113.0/24', 'documentation'),
  range('224.0.0.0/4', 'multicast'),
  range('255.255.255.255/32', 'broadcast'),
  range('240.0.0.0/4', 'reserved'),
];

const IPV6_RANGES: readonly Range[] = [
  range('fd00:ec2::254/128', 'metadata'), // AWS instance metadata over IPv6
  range('::/128', 'unspecified'),
  range('::1/128', 'loopback'),
  range('::/96', 'reserved'), // IPv4-compatible (deprecated)
  range('64:ff9b:1::/48', 'private'), // local-use NAT64
  range('100::/64', 'reserved'), // discard-only
  range('2001::/23', 'reserved'), // IETF protocol assignments, Teredo among them
  range('2001:db8::/32', 'documentation'),
  range('fc00::/7', 'private'), // unique local
  range('fe80::/10', 'link-local'),
  range('fec0::/10', 'private'), // site-local (deprecated)
  range('ff00::/8', 'multicast'),
];

const GLOBAL_UNICAST_V6 = range('2000::/3', 'reserved');
const MAPPED = range('::ffff:0:0/96', 'reserved');
const NAT64 = range('64:ff9b::/96', 'reserved');
const SIX_TO_FOUR = range('2002::/16', 'reserved');

export interface Classification {
  kind: AddressKind;
  /** The IPv4 address an IPv6 form carried, when that decided (`::ffff:7f00:1` → 127.0.0.1). */
  embedded?: string;
}

function classifyV4(ip: IpAddress): AddressKind {
  return IPV4_RANGES.find((r) => inPrefix(ip, r.network, r.bits))?.kind ?? 'public';
}

/** The IPv4 address inside an IPv6 address, for the forms that route to it. */
export function embeddedIpv4(ip: IpAddress): IpAddress | undefined {
  if (ip.family !== 6) return undefined;
  if (inPrefix(ip, MAPPED.network, 96) || inPrefix(ip, NAT64.network, 96))
    return { family: 4, bytes: ip.bytes.slice(12, 16) };
  if (inPrefix(ip, SIX_TO_FOUR.network, 16)) return { family: 4, bytes: ip.bytes.slice(2, 6) };
  return undefined;
}

export function classifyAddress(ip: IpAddress): Classification {
  if (ip.family === 4) return { kind: classifyV4(ip) };
  const inner = embeddedIpv4(ip);
  if (inner) return { kind: classifyV4(inner), embedded: formatIp(inner) };
  const listed = IPV6_RANGES.find((r) => inPrefix(ip, r.network, r.bits));
  if (listed) return { kind: listed.kind };
  return { kind: inPrefix(ip, GLOBAL_UNICAST_V6.network, 3) ? 'public' : 'reserved' };
}
