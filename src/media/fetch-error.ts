import type { ErrorSpec } from '../errors/build.ts';
import type { Platform } from '../platforms.ts';

export type FetchFailure =
  /** The URL or one of its redirects names an address Herald does not fetch (SSRF guard). */
  'refused' | 'redirects' | 'timeout' | 'too-large' | 'network' | 'aborted';

/** Why a media download did not happen; `message` is the cause in words, fit for `details`. */
export class MediaFetchError extends Error {
  constructor(
    readonly failure: FetchFailure,
    message: string,
  ) {
    super(message);
    this.name = 'MediaFetchError';
  }
}

/** Seed 002's "download failed" (451): details carry the cause ("HTTP 403 from origin", a timeout, ...). */
export function downloadFailed(details: string, platform?: Platform): ErrorSpec {
  return { code: 451, details, ...(platform ? { platform } : {}) };
}

export function causeOf(err: unknown): string {
  return err instanceof MediaFetchError ? err.message : `download failed: ${(err as Error).message}`;
}
