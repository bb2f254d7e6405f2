import type { AppContext } from '../../app/context.ts';
import { mediaService, ownMediaName } from '../media-service.ts';

/**
 * Retention of library files counts from the last post that uses them: a post keeps
 * each of its files at least HERALD_MEDIA_RETENTION_MS past its time, so a post
 * scheduled for next month still finds its media (the hourly cleanup reads `keep_until`).
 */

/** The stored names among a post's media URLs (Herald's own files). */
export function ownMediaNames(app: AppContext, urls: readonly string[]): string[] {
  const { publicUrl } = mediaService(app);
  return urls.flatMap((url) => {
    const name = ownMediaName(publicUrl, url);
    return name ? [name] : [];
  });
}

/** Kept until then at least; a retention of 0 keeps files forever (their keep_until stays NULL). */
export function mediaKeptFrom(app: AppContext, at: Date): Date {
  return new Date(at.getTime() + app.config.media.retentionMs);
}
