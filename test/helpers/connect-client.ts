import type { TestHerald } from './herald.ts';

/**
 * A browser without a browser, for the connect page through fastify's inject: it keeps
 * the cookies Herald sets (as a browser would, per name) and follows nothing by
 * itself, so each redirect can be checked.
 */
export interface PageResponse {
  status: number;
  location?: string;
  body: string;
  headers: Record<string, string | string[] | number | undefined>;
}

export class ConnectClient {
  readonly cookies = new Map<string, string>();

  constructor(private readonly t: TestHerald) {}

  /** A URL under HERALD_PUBLIC_URL, or a path. */
  private path(url: string): string {
    if (url.startsWith('/')) return url;
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  }

  async request(method: 'GET' | 'POST', url: string, form?: Record<string, string>): Promise<PageResponse> {
    const server = this.t.herald.server;
    if (!server) throw new Error('no API role');
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await server.inject({
      method,
      url: this.path(url),
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { payload: new URLSearchParams(form).toString() } : {}),
    });
    for (const set of response.cookies) {
      if (set.maxAge === 0 || set.value === '') this.cookies.delete(set.name);
      else this.cookies.set(set.name, set.value);
    }
    const location = response.headers.location;
    return {
      status: response.statusCode,
      ...(typeof location === 'string' ? { location } : {}),
      body: response.body,
      headers: response.headers,
    };
  }

  get(url: string) {
    return this.request('GET', url);
  }

  post(url: string, form: Record<string, string> = {}) {
    return this.request('POST', url, form);
  }
}

/** The `action` of the form whose submit button says `label` (e.g. "Connect LinkedIn"). */
export function formAction(html: string, platform: string, what: 'start' | 'unlink'): string {
  const match = new RegExp(`action="([^"]*/${what}/${platform})"`).exec(html);
  if (!match?.[1]) throw new Error(`no ${what} form for ${platform}`);
  return match[1].replaceAll('&amp;', '&');
}

/** Asks the fake network's consent page: Allow or Cancel; answers the redirect back to Herald. */
export async function consent(authorizeUrl: string, decision: 'allow' | 'cancel'): Promise<string> {
  const page = await fetch(authorizeUrl);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`consent page ${page.status}: ${html}`);
  const fields = Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [
      m[1],
      (m[2] ?? '').replace(/&#(\d+);/g, (_w, n: string) => String.fromCharCode(Number(n))),
    ]),
  );
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1] ?? '/fake/decide';
  const answer = await fetch(new URL(action, authorizeUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...fields, decision }),
    redirect: 'manual',
  });
  const location = answer.headers.get('location');
  if (!location) throw new Error(`the network did not redirect back (${answer.status})`);
  return location;
}

/**
 * Links one network for a profile the way its user would: generateJWT, the page,
 * Connect, Allow at the network's fake, and the pick (the choice named `pick`) when the
 * login may post as several accounts. Answers the authorize URL Herald sent the user to.
 */
export async function linkThroughPage(
  t: TestHerald,
  profileKey: string,
  platform: string,
  pick?: string,
): Promise<URL> {
  const jwt = await t.request('POST', '/api/profiles/generateJWT', { profileKey });
  const client = new ConnectClient(t);
  const opened = await client.get(jwt.body.url as string);
  const page = await client.get(opened.location as string);
  const started = await client.post(formAction(page.body, platform, 'start'));
  const authorize = new URL(started.location as string);
  let next = await client.get(await consent(authorize.href, 'allow'));
  if (next.location?.includes('/choose/')) {
    const choose = await client.get(next.location);
    const action = /action="([^"]+\/choose\/[^"]+)"/.exec(choose.body)?.[1];
    const value = new RegExp(
      `value="([^"]+)"[^>]*>\\s*<label[^>]*><span class="choice-name">${pick ?? ''}`,
    ).exec(choose.body)?.[1];
    if (!action || !value) throw new Error(`no choice ${pick} for ${platform}`);
    next = await client.post(action, { choice: value });
  }
  if (!next.location?.endsWith(`?linked=${platform}`))
    throw new Error(`${platform} not linked: ${next.body}`);
  return authorize;
}
