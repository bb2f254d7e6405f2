import type { Platform } from '../../platforms.ts';
import { alnum, base32 } from '../shared/sandbox-ids.ts';

/** A simulated comment's id in each network's own shape, from a hex digest and a 19-digit number. */
export function sandboxCommentId(
  platform: Platform,
  seed: { hex: string; numeric: string },
  postId: string,
  did: string,
): { id: string; extra?: Record<string, unknown> } {
  const { hex, numeric } = seed;
  switch (platform) {
    case 'facebook':
      // Page comment ids are `{post-id}_{comment-id}` (the post part without its page prefix).
      return { id: `${postId.split('_').at(-1)}_${numeric.slice(0, 15)}` };
    case 'instagram':
    case 'threads':
      return { id: `18${numeric.slice(0, 15)}` };
    case 'linkedin': {
      const activity = /\d{19}/.exec(postId)?.[0] ?? numeric;
      const urn = `urn:li:comment:(urn:li:activity:${activity},${numeric})`;
      return { id: urn, extra: { commentUrn: urn } };
    }
    case 'youtube':
      return { id: `Ugz${alnum(hex, 19)}4AaABAg` };
    case 'reddit':
      return { id: `t1_${base32(hex, 7).replace(/[^a-z0-9]/g, '0')}` };
    case 'bluesky':
      return {
        id: `at://${did}/app.bsky.feed.post/3l${base32(hex, 11)}`,
        extra: { cid: `bafyrei${base32(hex.split('').reverse().join(''), 52)}` },
      };
    default:
      return { id: numeric };
  }
}
