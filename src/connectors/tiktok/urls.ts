/** Public URL of a TikTok video: what Ayrshare's postUrl shows. */
export function videoUrl(username: string, id: string): string {
  return `https://www.tiktok.com/@${username.replace(/^@/, '')}/video/${id}`;
}

const CONTENT_POSTING_API = 'https://open.tiktokapis.com';
const BUSINESS_API = 'https://business-api.tiktok.com';

/**
 * Comments go through TikTok's API for Business, on its own host. The configured
 * base URL is TikTok's own Content Posting host in production; any other value (a
 * proxy, a test double) is taken to serve both APIs.
 */
export function businessApiBase(baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  return base === CONTENT_POSTING_API ? BUSINESS_API : base;
}
