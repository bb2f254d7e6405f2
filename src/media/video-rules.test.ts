import { describe, expect, it } from 'vitest';
import { buildErrorBody } from '../errors/build.ts';
import { type CheckedVideo, checkVideo } from './video-rules.ts';

const MB = 1024 * 1024;
const video = (
  width: number | null,
  height: number | null,
  more: Partial<CheckedVideo> = {},
): CheckedVideo => ({
  type: 'video/mp4',
  width,
  height,
  durationSeconds: 10,
  bytes: 5 * MB,
  ...more,
});

describe('Instagram reels and story videos are 9:16', () => {
  it.each([
    ['reel (any feed video)', {}, 1080, 1920, true],
    ['reel', { reels: true }, 720, 1280, true],
    ['reel', { reels: true }, 1920, 1080, false],
    ['reel', {}, 1080, 1080, false],
    ['reel', {}, 1080, 1350, false],
    ['story', { stories: true }, 1080, 1920, true],
    ['story', { stories: true }, 1080, 1080, false],
  ])('%s %o %i×%i fits: %s', (_place, options, width, height, fits) => {
    const error = checkVideo('instagram', 'Instagram', video(width, height), options);
    expect(error === undefined).toBe(fits);
    if (!fits)
      expect(error).toMatchObject({
        code: 138,
        variant: 'aspectRatio',
        params: { ratio: `${width}/${height}` },
      });
  });

  it('answers 138 with the rule and the displayed size in details', () => {
    const error = checkVideo('instagram', 'Instagram', video(1920, 1080), { reels: true });
    if (!error) throw new Error('no error');
    expect(buildErrorBody(error)).toMatchObject({
      code: 138,
      message: expect.stringContaining("aspect ratio ('1920/1080',)"),
      details:
        'Instagram reels must be 9:16 (width/height 0.5569 to 0.5681); this video is 1920×1080 as displayed. Crop it to 9:16 and post again.',
    });
  });

  it('does not guess when the size could not be read', () => {
    expect(checkVideo('instagram', 'Instagram', video(null, null), {})).toBeUndefined();
  });
});

describe('types, sizes and durations', () => {
  it.each([
    ['instagram', {}, { type: 'video/webm' }, 'WebM videos are not accepted (MP4, MOV)'],
    [
      'instagram',
      {},
      { bytes: 300 * MB + 1 },
      `a reel must be at most ${300 * MB} bytes (this one has ${300 * MB + 1})`,
    ],
    [
      'instagram',
      { stories: true },
      { bytes: 100 * MB + 1 },
      `a story video must be at most ${100 * MB} bytes (this one has ${100 * MB + 1})`,
    ],
    ['instagram', {}, { durationSeconds: 2.5 }, 'a reel must last at least 3 s (this one lasts 2.5 s)'],
    ['instagram', {}, { durationSeconds: 901 }, 'a reel may last at most 900 s (this one lasts 901.0 s)'],
    [
      'instagram',
      { stories: true },
      { durationSeconds: 61 },
      'a story video may last at most 60 s (this one lasts 61.0 s)',
    ],
    ['threads', {}, { durationSeconds: 301 }, 'a video may last at most 300 s (this one lasts 301.0 s)'],
    ['threads', {}, { type: 'video/webm' }, 'WebM videos are not accepted (MP4, MOV)'],
    [
      'twitter',
      {},
      { bytes: 512 * MB + 1 },
      `a video must be at most ${512 * MB} bytes (this one has ${512 * MB + 1})`,
    ],
  ] as const)('%s %o refuses %o', (platform, options, more, reason) => {
    expect(checkVideo(platform, 'Net', video(1080, 1920, more), options)).toEqual({
      code: 136,
      platform,
      params: { platformName: 'Net', reason },
    });
  });

  it.each([
    ['instagram', { stories: true }, { durationSeconds: 1 }],
    ['threads', {}, { width: 1920, height: 1080 }],
    ['twitter', {}, { type: 'video/webm', durationSeconds: 3600 }],
    ['youtube', {}, { bytes: 10_000 * MB }],
    ['instagram', {}, { bytes: null, durationSeconds: null }],
  ] as const)('%s %o takes %o', (platform, options, more) => {
    expect(checkVideo(platform, 'Net', video(1080, 1920, more), options)).toBeUndefined();
  });
});
