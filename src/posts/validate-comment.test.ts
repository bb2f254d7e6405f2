import { describe, expect, it } from 'vitest';
import { DECLARATIONS } from '../connectors/declarations.ts';
import type { Platform } from '../platforms.ts';
import { validateComment } from './validate-comment.ts';

const IMAGE = 'https://example.com/a.jpg';

describe('validateComment', () => {
  it.each<[string, Platform, string, string[], number | undefined]>([
    ['a short Facebook comment', 'facebook', 'hi', [], undefined],
    ['Facebook takes one image', 'facebook', 'hi', [IMAGE], undefined],
    ['Facebook takes no second image', 'facebook', 'hi', [IMAGE, IMAGE], 689],
    ['X takes one image', 'twitter', 'hi', [IMAGE], undefined],
    ['LinkedIn takes one image', 'linkedin', 'hi', [IMAGE], undefined],
    ['Instagram comments are text only', 'instagram', 'hi', [IMAGE], 689],
    ['a video is not a comment image', 'facebook', 'hi', ['https://example.com/a.mp4'], 689],
    ['TikTok: 150 characters', 'tiktok', 'x'.repeat(150), [], undefined],
    ['TikTok: 151 characters', 'tiktok', 'x'.repeat(151), [], 688],
    ['X counts weighted characters', 'twitter', '日'.repeat(141), [], 688],
    ['Bluesky counts graphemes', 'bluesky', '👍🏽'.repeat(300), [], undefined],
    ['Bluesky: 301 graphemes', 'bluesky', 'a'.repeat(301), [], 688],
    ['Pinterest has no comments', 'pinterest', 'hi', [], 685],
    ['Telegram has no comments', 'telegram', 'hi', [], 685],
    ['Google Business Profile has no comments', 'gmb', 'hi', [], 685],
  ])('%s', (_name, platform, text, media, code) => {
    expect(validateComment(DECLARATIONS[platform], text, media)?.code).toBe(code);
  });

  it('names the network, the length and the limit', () => {
    expect(validateComment(DECLARATIONS.tiktok, 'x'.repeat(151), [])).toEqual({
      code: 688,
      platform: 'tiktok',
      params: { platformName: 'TikTok', length: 151, limit: 150, unit: 'characters' },
    });
  });
});
