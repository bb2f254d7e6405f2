import type { MediaItem } from '../connectors/types.ts';

const VIDEO_EXTENSIONS = new Set(['mp4', 'mov', 'm4v', 'webm', 'avi', 'mkv', 'mpeg', 'mpg']);

/** Media type from the URL's extension (Ayrshare's rule); `isVideo` forces video for URLs without one. */
export function mediaItems(urls: readonly string[], isVideo: boolean): MediaItem[] {
  return urls.map((url) => {
    const pathname = URL.canParse(url) ? new URL(url).pathname : url;
    const ext = pathname.split('.').pop()?.toLowerCase() ?? '';
    return { url, kind: isVideo || VIDEO_EXTENSIONS.has(ext) ? 'video' : 'image' };
  });
}
