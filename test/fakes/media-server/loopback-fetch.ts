import { parseAllowList } from '../../../src/media/allow-list.ts';
import { apiFetch } from '../../../src/media/api-fetch.ts';
import { fetchAdapter } from '../../../src/media/fetch-adapter.ts';
import type { FetchPolicy } from '../../../src/media/safe-fetch.ts';
import { systemResolver } from '../../../src/media/url-decision.ts';

/** What tests allowlist: the loopback media servers they start (HERALD_MEDIA_ALLOW in tests only). */
export const TEST_MEDIA_ALLOW = '127.0.0.1,::1';

export function loopbackPolicy(overrides: Partial<FetchPolicy> = {}): FetchPolicy {
  return {
    allow: parseAllowList(TEST_MEDIA_ALLOW).allow,
    resolve: systemResolver,
    timeoutMs: 10_000,
    maxBytes: 50 * 1024 * 1024,
    ...overrides,
  };
}

/** The core's safe media fetcher as a connector test context gets it: loopback allowlisted, nothing else. */
export const loopbackMediaFetch: typeof fetch = fetchAdapter(loopbackPolicy());

/** The core's SSRF-safe fetcher for user-supplied servers (ctx.fetchUserServer), as tests configure it. */
export const loopbackApiFetch: typeof fetch = apiFetch(loopbackPolicy());
