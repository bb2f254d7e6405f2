import Bowser from 'bowser';
import type { ClickFacts } from '../db/links.ts';
import { CRAWLERS } from '../media/crawlers.ts';
import type { Platform } from '../platforms.ts';

/**
 * What a redirect keeps of the request that followed it: the browser family from the
 * User-Agent (bowser), the device class, and the host of the referer. Never the IP
 * address, the full user agent or the referer's path and query.
 */

/** Link-preview fetchers: a network's crawler reading the page is not a person clicking. */
export function isCrawler(userAgent: string | undefined): boolean {
  if (!userAgent) return false;
  // By how the crawler's agent begins (or names itself as compatible): the Pinterest app's own
  // browser also says "Pinterest" in its user agent, and its readers do click.
  if (CRAWLERS.some((c) => userAgent.startsWith(c.token) || userAgent.includes(`compatible; ${c.token}`)))
    return true;
  try {
    return Bowser.getParser(userAgent).getPlatformType(true) === 'bot';
  } catch {
    return false;
  }
}

export function clickFacts(userAgent: string | undefined, referer: string | undefined): ClickFacts {
  return { refererHost: refererHost(referer), ...browserAndDevice(userAgent) };
}

function browserAndDevice(userAgent: string | undefined): Pick<ClickFacts, 'browser' | 'device'> {
  if (!userAgent) return { browser: 'unknown', device: 'other' };
  try {
    const parser = Bowser.getParser(userAgent);
    const os = parser.getOSName(true);
    const device =
      os === 'ios'
        ? 'ios'
        : os === 'android'
          ? 'android'
          : parser.getPlatformType(true) === 'desktop'
            ? 'desktop'
            : 'other';
    return { browser: parser.getBrowserName(true) || 'unknown', device };
  } catch {
    return { browser: 'unknown', device: 'other' };
  }
}

function refererHost(referer: string | undefined): string | null {
  if (!referer) return null;
  try {
    const url = new URL(referer);
    return /^https?:$/.test(url.protocol) && url.hostname ? url.hostname.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** Hosts a network's readers arrive from (its own link wrappers included: t.co, l.facebook.com, lnkd.in). */
const SOCIAL_HOSTS: readonly [string, Platform][] = [
  ['t.co', 'twitter'],
  ['x.com', 'twitter'],
  ['twitter.com', 'twitter'],
  ['facebook.com', 'facebook'],
  ['fb.me', 'facebook'],
  ['instagram.com', 'instagram'],
  ['threads.net', 'threads'],
  ['threads.com', 'threads'],
  ['linkedin.com', 'linkedin'],
  ['lnkd.in', 'linkedin'],
  ['bsky.app', 'bluesky'],
  ['reddit.com', 'reddit'],
  ['pinterest.com', 'pinterest'],
  ['pin.it', 'pinterest'],
  ['youtube.com', 'youtube'],
  ['youtu.be', 'youtube'],
  ['tiktok.com', 'tiktok'],
  ['t.me', 'telegram'],
  ['snapchat.com', 'snapchat'],
];

/** The network a referring host belongs to, if it is one of theirs. */
export function socialNetworkOf(host: string): Platform | undefined {
  return SOCIAL_HOSTS.find(([known]) => host === known || host.endsWith(`.${known}`))?.[1];
}
