import { describe, expect, it } from 'vitest';
import { classifyAddress } from './address-ranges.ts';
import { parseAllowList } from './allow-list.ts';
import { downloadFailed } from './fetch-error.ts';
import { formatIp, parseIp } from './ip-address.ts';
import { decideUrl, type ResolvedAddress, type Resolver } from './url-decision.ts';

/**
 * SSRF decisions with an injected resolver: nothing here opens a socket. Every URL
 * below would reach a private, loopback or metadata address if it were fetched.
 */

const NONE = parseAllowList('').allow;

/** A resolver from a table; records what it was asked. */
function resolver(table: Record<string, readonly string[]>): Resolver & { asked: string[] } {
  const asked: string[] = [];
  const resolve: Resolver = async (hostname) => {
    asked.push(hostname);
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    return addresses.map((address): ResolvedAddress => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolve, { asked });
}

describe('IP literals in every spelling', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['2130706433', '127.0.0.1'],
    ['0177.0.0.1', '127.0.0.1'],
    ['0x7f.0.0.1', '127.0.0.1'],
    ['0x7f000001', '127.0.0.1'],
    ['127.1', '127.0.0.1'],
    ['127.0.1', '127.0.0.1'],
    ['0', '0.0.0.0'],
    ['0x', '0.0.0.0'],
    ['169.254.43518', '169.254.169.254'],
    ['[::ffff:127.0.0.1]', '::ffff:7f00:1'],
    ['::ffff:7f00:1', '::ffff:7f00:1'],
    ['[fe80::1%25eth0]', 'fe80::1'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
  ])('%s is %s', (spelling, canonical) => {
    const ip = parseIp(spelling);
    expect(ip && formatIp(ip)).toBe(canonical);
  });

  it.each(['example.com', '1e3', '256.1.1.1', '1.2.3.4.5', '::g', '1::2::3', 'cafe', '[::1'])(
    '%s is not an IP literal (or not a valid one)',
    (text) => {
      expect(parseIp(text)).toBeUndefined();
    },
  );

  it('reads literals the way the URL parser does', () => {
    for (const spelling of ['2130706433', '0177.0.0.1', '0x7f.1', '127.1', '0x7f000001'])
      expect(new URL(`http://${spelling}/`).hostname).toBe('127.0.0.1');
  });
});

describe('address classes', () => {
  it.each([
    ['10.0.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['127.8.8.8', 'loopback'],
    ['169.254.169.254', 'metadata'],
    ['169.254.1.1', 'link-local'],
    ['100.64.0.1', 'cgnat'],
    ['100.100.100.200', 'metadata'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['0.0.0.0', 'unspecified'],
    ['198.18.0.1', 'benchmark'],
    ['192.0.2.1', 'documentation'],
    ['93.184.216.34', 'public'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:93.184.216.34', 'public'],
    ['64:ff9b::a9fe:a9fe', 'metadata'],
    ['64:ff9b::5db8:d822', 'public'],
    ['2002:7f00:1::', 'loopback'],
    ['2002:a00:1::1', 'private'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'reserved'],
    ['::7f00:1', 'reserved'],
    ['fd00:ec2::254', 'metadata'],
    ['fc00::1', 'private'],
    ['fe80::1', 'link-local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['2606:4700:4700::1111', 'public'],
    ['4000::1', 'reserved'],
  ])('%s is %s', (text, kind) => {
    const ip = parseIp(text);
    if (!ip) throw new Error(`unparsed ${text}`);
    expect(classifyAddress(ip).kind).toBe(kind);
  });
});

describe('decideUrl', () => {
  const dns = resolver({
    'internal.example': ['10.0.0.1'],
    'metadata.example': ['169.254.169.254'],
    'mapped.example': ['::ffff:127.0.0.1'],
    'mixed.example': ['93.184.216.34', '10.0.0.1'],
    'cdn.example': ['93.184.216.34', '2606:4700:4700::1111'],
    'media.intranet': ['10.1.2.3'],
  });

  it.each([
    ['http://10.0.0.1/a.jpg', 'non-public address 10.0.0.1 (private)'],
    ['http://169.254.169.254/latest/meta-data/', 'non-public address 169.254.169.254 (metadata)'],
    ['http://[::ffff:127.0.0.1]/a.jpg', 'non-public address ::ffff:7f00:1 (loopback, carrying 127.0.0.1)'],
    ['http://[::ffff:7f00:1]/a.jpg', 'non-public address ::ffff:7f00:1 (loopback, carrying 127.0.0.1)'],
    ['http://2130706433/a.jpg', 'non-public address 127.0.0.1 (loopback)'],
    ['http://0177.0.0.1/a.jpg', 'non-public address 127.0.0.1 (loopback)'],
    ['http://0x7f.1/a.jpg', 'non-public address 127.0.0.1 (loopback)'],
    ['http://127.1/a.jpg', 'non-public address 127.0.0.1 (loopback)'],
    [
      'http://[64:ff9b::a9fe:a9fe]/',
      'non-public address 64:ff9b::a9fe:a9fe (metadata, carrying 169.254.169.254)',
    ],
    [
      'http://[2002:a9fe:a9fe::]/',
      'non-public address 2002:a9fe:a9fe:: (metadata, carrying 169.254.169.254)',
    ],
    ['http://[fd00:ec2::254]/', 'non-public address fd00:ec2::254 (metadata)'],
    ['http://100.64.1.1/', 'non-public address 100.64.1.1 (cgnat)'],
    ['http://internal.example/a.jpg', 'non-public address 10.0.0.1 (private) for host internal.example'],
    ['http://metadata.example/', 'non-public address 169.254.169.254 (metadata) for host metadata.example'],
    [
      'http://mapped.example/a.jpg',
      'non-public address ::ffff:7f00:1 (loopback, carrying 127.0.0.1) for host mapped.example',
    ],
    // One bad address refuses the name: the fetcher never picks the "good" one.
    ['https://mixed.example/a.jpg', 'non-public address 10.0.0.1 (private) for host mixed.example'],
    ['http://nowhere.example/', 'host nowhere.example could not be resolved (ENOTFOUND)'],
    ['ftp://cdn.example/a.jpg', 'only http and https URLs are fetched (got ftp:)'],
    ['file:///etc/passwd', 'only http and https URLs are fetched (got file:)'],
    ['https://user:pw@cdn.example/a.jpg', 'URLs with credentials are not fetched'],
    ['not a url', 'not a valid URL'],
  ])('refuses %s', async (url, reason) => {
    const nonPublic = reason.startsWith('non-public address') ? { nonPublic: true } : {};
    expect(await decideUrl(url, NONE, dns)).toEqual({ allowed: false, reason, ...nonPublic });
  });

  it('a refusal is catalog code 451 with the cause in details', async () => {
    const decision = await decideUrl('http://169.254.169.254/latest/', NONE, dns);
    if (decision.allowed) throw new Error('allowed');
    expect(downloadFailed(decision.reason, 'instagram')).toEqual({
      code: 451,
      platform: 'instagram',
      details: 'non-public address 169.254.169.254 (metadata)',
    });
  });

  it('pins a public name to the first address it resolved to', async () => {
    const decision = await decideUrl('https://cdn.example:8443/a.jpg', NONE, dns);
    expect(decision).toMatchObject({
      allowed: true,
      hostname: 'cdn.example',
      address: '93.184.216.34',
      family: 4,
    });
  });

  it('lets the allowlist through: a host name, a CIDR block, an exact address', async () => {
    const allow = parseAllowList('media.intranet, 169.254.0.0/16, 127.0.0.1').allow;
    expect(await decideUrl('http://media.intranet/a.jpg', allow, dns)).toMatchObject({
      allowed: true,
      address: '10.1.2.3',
    });
    expect(await decideUrl('http://169.254.169.254/', allow, dns)).toMatchObject({ allowed: true });
    // The allowlisted address in its IPv4-mapped spelling is the same host.
    expect(await decideUrl('http://[::ffff:127.0.0.1]/', allow, dns)).toMatchObject({ allowed: true });
    expect(await decideUrl('http://127.0.0.2/', allow, dns)).toMatchObject({ allowed: false });
    expect(await decideUrl('http://internal.example/', allow, dns)).toMatchObject({ allowed: false });
  });

  it('reports malformed allowlist entries', () => {
    expect(parseAllowList('10.0.0.0/33, bad_host!, ::1/200, ok.example').problems).toEqual([
      'HERALD_MEDIA_ALLOW: "10.0.0.0/33" has a bad prefix length',
      'HERALD_MEDIA_ALLOW: "bad_host!" is neither a host name, an IP address nor a CIDR block',
      'HERALD_MEDIA_ALLOW: "::1/200" has a bad prefix length',
    ]);
  });
});
