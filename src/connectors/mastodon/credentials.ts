/**
 * What Herald stores for a Mastodon account (encrypted by the core): the instance the
 * account lives on and its OAuth token. The instance URL is user-supplied, so every
 * call to it goes through the SSRF-safe fetcher (`ctx.fetchUserServer`).
 */
export interface MastodonCredentials {
  /** The instance's origin: scheme, host and port, no path, no trailing slash. */
  instance: string;
  accessToken: string;
}

/**
 * The origin of an instance URL as a user types it (`mastodon.social`,
 * `https://mastodon.social/`, `https://mastodon.social/@alice`); a string names the
 * problem. Mastodon serves its API at the root of its host, so any path is dropped.
 * Whether plain http may be used is the fetcher's decision (allowlisted hosts only).
 */
export function normaliseInstance(raw: unknown): { origin: string } | string {
  const given = typeof raw === 'string' ? raw.trim() : '';
  if (!given) return 'instance is required (e.g. https://mastodon.social)';
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(given) ? given : `https://${given}`);
  } catch {
    return `instance is not a URL: ${JSON.stringify(given.slice(0, 200))}`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return `instance must be an https URL (got ${url.protocol})`;
  }
  if (url.username || url.password) return 'instance must not carry a user name or password';
  return { origin: url.origin };
}

/** Credentials as sent or stored; a string names the problem. */
export function parseCredentials(raw: Readonly<Record<string, unknown>>): MastodonCredentials | string {
  const instance = normaliseInstance(raw.instance);
  if (typeof instance === 'string') return instance;
  const accessToken = typeof raw.accessToken === 'string' ? raw.accessToken.trim() : '';
  if (!accessToken) return 'accessToken is required';
  return { instance: instance.origin, accessToken };
}
