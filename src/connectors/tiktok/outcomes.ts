import type { ErrorSpec } from '../../errors/build.ts';
import type { ConnectorContext, PublishInput, PublishOutcome } from '../types.ts';
import { TikTokClient } from './client.ts';
import { PLATFORM_NAME } from './errors.ts';
import type { TikTokProgress } from './progress.ts';
import { parseCredentials, TokenKeeper } from './session.ts';

/** What the publish steps share: the session, the outcomes they answer, the caption rule. */

/** TikTok moderates before it publishes: usually within a minute. */
export const POLL_AFTER_MS = 30_000;

export type Failed = PublishOutcome & { kind: 'failed' };

export function failure(code: number, details: string, params: Record<string, string> = {}): Failed {
  const error: ErrorSpec = {
    code,
    platform: 'tiktok',
    params: { platformName: PLATFORM_NAME, ...params },
    details,
  };
  return { kind: 'failed', error };
}

export interface Session {
  client: TikTokClient;
  keeper: TokenKeeper;
}

export function sessionFor(input: Pick<PublishInput, 'account'>, ctx: ConnectorContext): Session | string {
  const credentials = parseCredentials(input.account.credentials);
  if (typeof credentials === 'string') return credentials;
  const client = new TikTokClient(ctx.baseUrl, ctx.apiVersion ?? 'v2', ctx.fetch, ctx.signal);
  return { client, keeper: new TokenKeeper(client, credentials, ctx) };
}

export function pending(progress: TikTokProgress): PublishOutcome {
  return { kind: 'pending', ref: progress.publishId ?? '', pollAfterMs: POLL_AFTER_MS };
}

/** TikTok ignores line breaks in captions (Ayrshare strips them too). */
export function caption(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}

/** TikTok's boolean fields are sent explicitly: only `true` turns one on. */
export const flag = (value: unknown) => value === true;
