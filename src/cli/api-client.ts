import { createHeraldClient, HeraldApiError, type HeraldClient } from '@herald/sdk';
import { clientConfig } from '../config/client-config.ts';
import { ConfigError } from '../config/config.ts';
import type { Env } from '../config/env.ts';

/**
 * Exit codes of the commands that talk to a Herald (README, "CLI"): 0 everything worked,
 * 1 it failed (every network, or the call itself), 2 usage, 3 partial (some networks failed).
 */
export const EXIT = { success: 0, failure: 1, usage: 2, partial: 3 } as const;

export class UsageError extends Error {}

/**
 * The SDK's client from the settings every Herald client reads (src/config/client-config.ts,
 * shared with `herald mcp`): HERALD_URL, HERALD_API_KEY, HERALD_PROFILE_KEY (--profile-key
 * wins), X's bring-your-own key headers, and the profile file's entry (--profile,
 * HERALD_PROFILE). A missing key or a bad URL is a usage error; so is a bad profile file.
 */
export function clientFrom(env: Env, flags: Record<string, string | true>): HeraldClient & { url: string } {
  let config: ReturnType<typeof clientConfig>;
  try {
    config = clientConfig(env, typeof flags.profile === 'string' ? { profile: flags.profile } : {});
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.problems.join('\n'));
    throw err;
  }
  const profileKey = typeof flags['profile-key'] === 'string' ? flags['profile-key'] : config.profileKey;
  const client = createHeraldClient({
    baseUrl: config.url,
    apiKey: config.apiKey,
    ...(profileKey ? { profileKey } : {}),
    ...(Object.keys(config.requestSecrets).length > 0 ? { headers: { ...config.requestSecrets } } : {}),
  });
  return Object.assign(client, { url: config.url });
}

/** Writes a line to stdout. */
export const say = (line = '') => process.stdout.write(`${line}\n`);
/** Progress and diagnostics go to stderr, so `--json` output stays parseable. */
export const note = (line: string) => process.stderr.write(`${line}\n`);

/** A refused call: its catalog code and message (the body with --json), exit 1. */
export function reportFailure(err: unknown, json: boolean): number {
  if (!(err instanceof HeraldApiError)) throw err;
  if (json) say(JSON.stringify(err.body ?? { status: err.status }));
  else note(`error ${err.code ?? err.status}: ${err.message}`);
  return EXIT.failure;
}
