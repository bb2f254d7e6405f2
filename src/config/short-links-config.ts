import type { Env } from './env.ts';

export interface ShortLinksConfig {
  /** Short URLs are `<base>/<id>`; without a trailing slash. */
  base: string;
}

export const SHORT_LINKS_VARIABLES: readonly { name: string; default: string; meaning: string }[] = [
  {
    name: 'HERALD_SHORT_URL_BASE',
    default: '<HERALD_PUBLIC_URL>/s',
    meaning:
      'Short links are <this>/<id>. Set it to a short public domain of yours (its /<id> must reach Herald’s GET /s/<id>). Live networks get shortened links only when it is public.',
  },
];

export function shortLinksConfig(env: Env, publicUrl: string, problems: string[]): ShortLinksConfig {
  const raw = env.HERALD_SHORT_URL_BASE;
  if (!raw) return { base: `${publicUrl}/s` };
  const base = raw.replace(/\/+$/, '');
  try {
    const url = new URL(base);
    if (!/^https?:$/.test(url.protocol) || url.username || url.password || url.search || url.hash)
      throw new Error();
  } catch {
    problems.push(
      `HERALD_SHORT_URL_BASE must be an http(s) URL without credentials, query or fragment; got "${raw}"`,
    );
    return { base: `${publicUrl}/s` };
  }
  return { base };
}
