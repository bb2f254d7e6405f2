import { describe, expect, it } from 'vitest';
import { buildErrorBody } from '../errors/build.ts';
import type { Platform } from '../platforms.ts';
import { type CheckedImage, checkImage, needsJpeg } from './media-rules.ts';
import type { MediaType } from './sniff.ts';

const jpeg = (width: number, height: number, bytes = 100_000): CheckedImage => ({
  type: 'image/jpeg',
  width,
  height,
  bytes,
});

describe('Instagram feed aspect ratio (4:5 to 1.91:1)', () => {
  it.each([
    [1080, 1350, true],
    [1080, 1080, true],
    [1080, 566, true],
    [1910, 1000, true],
    [800, 1000, true],
    [1080, 565, false],
    [799, 1000, false],
    [1440, 2158, false],
    [1080, 1920, false],
  ])('%i×%i fits: %s', (width, height, fits) => {
    const error = checkImage('instagram', 'Instagram', jpeg(width, height), {});
    expect(error === undefined).toBe(fits);
    if (!fits)
      expect(error).toEqual({
        code: 138,
        variant: 'aspectRatio',
        platform: 'instagram',
        params: { ratio: `${width}/${height}` },
      });
  });

  it('answers with seed 001’s body', () => {
    const error = checkImage('instagram', 'Instagram', jpeg(1440, 2158), {});
    if (!error) throw new Error('no error');
    expect(buildErrorBody(error)).toEqual({
      action: 'post',
      status: 'error',
      code: 138,
      message:
        "Instagram Error: There was an issue posting to Instagram. The submitted image with aspect ratio ('1440/2158',) cannot be published. Please submit an image with a valid aspect ratio.",
      platform: 'instagram',
    });
  });

  it('is not the rule for stories: those are 9:16', () => {
    expect(checkImage('instagram', 'Instagram', jpeg(1080, 1920), { stories: true })).toBeUndefined();
    expect(checkImage('instagram', 'Instagram', jpeg(1080, 1350), { stories: true })).toMatchObject({
      code: 138,
    });
  });
});

describe('Instagram stories: 9:16, one per cent either way', () => {
  it.each([
    [1080, 1920, true],
    [720, 1280, true],
    // Encoders that round to multiples of 16.
    [1088, 1920, true],
    [1080, 1350, false],
    [1080, 1080, false],
    // A phone screenshot (19.5:9) is taller than 9:16.
    [1170, 2532, false],
    [1920, 1080, false],
  ])('%i×%i fits: %s', (width, height, fits) => {
    const error = checkImage('instagram', 'Instagram', jpeg(width, height), { stories: true });
    expect(error === undefined).toBe(fits);
  });

  it('names the rule and the image in details, with the seed’s message', () => {
    const error = checkImage('instagram', 'Instagram', jpeg(1080, 1080), { stories: true });
    if (!error) throw new Error('no error');
    expect(buildErrorBody(error)).toEqual({
      action: 'post',
      status: 'error',
      code: 138,
      message:
        "Instagram Error: There was an issue posting to Instagram. The submitted image with aspect ratio ('1080/1080',) cannot be published. Please submit an image with a valid aspect ratio.",
      details:
        'Instagram stories must be 9:16 (width/height 0.5569 to 0.5681); this image is 1080×1080 as displayed. Crop it to 9:16 and post again.',
      platform: 'instagram',
    });
  });
});

describe('types and sizes per network', () => {
  it.each([
    ['instagram', 'image/gif', 1000, 'GIF images are not accepted (JPEG, PNG)'],
    [
      'instagram',
      'image/jpeg',
      8 * 1024 * 1024 + 1,
      'each JPEG image must be at most 8388608 bytes (this one has 8388609)',
    ],
    ['tiktok', 'image/png', 1000, 'PNG images are not accepted (JPEG, WebP)'],
    [
      'twitter',
      'image/jpeg',
      5 * 1024 * 1024 + 1,
      'each JPEG image must be at most 5242880 bytes (this one has 5242881)',
    ],
    [
      'facebook',
      'image/jpeg',
      4 * 1024 * 1024 + 1,
      'each JPEG image must be at most 4194304 bytes (this one has 4194305)',
    ],
  ] as const)('%s refuses %s of %i bytes', (platform, type, bytes, reason) => {
    expect(checkImage(platform, 'Net', { type, width: 1000, height: 1000, bytes }, {})).toEqual({
      code: 136,
      platform,
      params: { platformName: 'Net', reason },
    });
  });

  it.each([
    ['twitter', 'image/gif', 15 * 1024 * 1024],
    ['twitter', 'image/webp', 1000],
    ['facebook', 'image/webp', 1000],
    ['bluesky', 'image/heic', 50_000_000],
    ['instagram', 'image/png', null],
  ] as const)('%s takes %s of %s bytes', (platform, type, bytes) => {
    expect(checkImage(platform, 'Net', { type, width: 1000, height: 1000, bytes }, {})).toBeUndefined();
  });

  it('LinkedIn counts pixels; Telegram limits sides', () => {
    expect(checkImage('linkedin', 'LinkedIn', jpeg(7000, 6000), {})).toMatchObject({ code: 136 });
    expect(checkImage('telegram', 'Telegram', jpeg(6000, 5000), {})).toMatchObject({ code: 136 });
    expect(checkImage('telegram', 'Telegram', jpeg(2100, 100), {})).toMatchObject({ code: 136 });
    expect(checkImage('telegram', 'Telegram', jpeg(1900, 100), {})).toBeUndefined();
  });
});

describe('which images Herald converts to JPEG (seed 002)', () => {
  const webpTo: readonly Platform[] = ['instagram', 'linkedin', 'tiktok', 'gmb', 'threads', 'snapchat'];
  const keepsWebp: readonly Platform[] = [
    'twitter',
    'facebook',
    'bluesky',
    'pinterest',
    'mastodon',
    'telegram',
    'reddit',
    'youtube',
  ];

  it.each(webpTo)('WebP for %s', (platform) => expect(needsJpeg(platform, 'image/webp')).toBe(true));
  it.each(keepsWebp)('not WebP for %s', (platform) => expect(needsJpeg(platform, 'image/webp')).toBe(false));
  it.each([...webpTo, ...keepsWebp])('HEIC, HEIF and AVIF for %s; never JPEG, PNG or GIF', (platform) => {
    for (const type of ['image/heic', 'image/heif', 'image/avif'] as MediaType[])
      expect(needsJpeg(platform, type)).toBe(true);
    for (const type of ['image/jpeg', 'image/png', 'image/gif'] as MediaType[])
      expect(needsJpeg(platform, type)).toBe(false);
  });
});
