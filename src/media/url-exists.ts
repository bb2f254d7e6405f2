import { fetchHead } from './media-head.ts';
import type { MediaService } from './media-service.ts';
import { fetchMedia } from './safe-fetch.ts';

/**
 * Ayrshare's reachability check (POST /api/media/urlExists): a HEAD request, through
 * the safe fetcher. Where Ayrshare fails on hosts that refuse HEAD, Herald falls back
 * to the first bytes with a ranged GET (and then names the type the bytes show).
 */
export async function mediaUrlExists(
  service: MediaService,
  url: string,
): Promise<{ mediaExists: boolean; contentType?: string }> {
  try {
    const head = await fetchMedia(service.policy, url, { method: 'HEAD', maxBytes: 0, overflow: 'truncate' });
    const contentType = head.headers.get('content-type') ?? undefined;
    if (head.status >= 200 && head.status < 300)
      return { mediaExists: true, ...(contentType ? { contentType } : {}) };
    if (head.status === 404 || head.status === 410) return { mediaExists: false };
    const ranged = await fetchHead(service.policy, url);
    if (ranged.status !== 200 && ranged.status !== 206) return { mediaExists: false };
    const type = ranged.type ?? ranged.declaredType ?? undefined;
    return { mediaExists: true, ...(type ? { contentType: type } : {}) };
  } catch {
    // Refused (non-public address), unreachable, timed out: it does not exist for the networks either.
    return { mediaExists: false };
  }
}
