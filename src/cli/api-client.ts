import { createHeraldClient, HeraldApiError, type HeraldClient } from '../../packages/sdk/src/index.ts';
import type { Env } from '../config/env.ts';

/**
 * Exit codes of the commands that talk to a Herald (README, "CLI"): 0 everything worked,
 * 1 it failed (every network, or the call itself), 2 usage, 3 partial (some networks failed).
 */
export const EXIT = { success: 0, failure: 1, usage: 2, partial: 3 } as const;

export class UsageError extends Error {}

/** The SDK's client for HERALD_URL and HERALD_API_KEY (HERALD_PROFILE_KEY or --profile-key: a profile). */
export function clientFrom(env: Env, flags: Record<string, string | true>): HeraldClient {
  const apiKey = env.HERALD_API_KEY;
  if (!apiKey) throw new UsageError('set HERALD_API_KEY (and HERALD_URL, default http://127.0.0.1:3000)');
  const profileKey = typeof flags['profile-key'] === 'string' ? flags['profile-key'] : env.HERALD_PROFILE_KEY;
  const xKey = env.HERALD_X_API_KEY;
  const xSecret = env.HERALD_X_API_SECRET;
  return createHeraldClient({
    baseUrl: env.HERALD_URL ?? 'http://127.0.0.1:3000',
    apiKey,
    ...(profileKey ? { profileKey } : {}),
    ...(xKey && xSecret ? { xKeys: { apiKey: xKey, apiSecret: xSecret } } : {}),
  });
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
