import { describe, expect, it } from 'vitest';
import { buildErrorBody } from '../../errors/build.ts';
import type { MediaItem } from '../types.ts';
import { instagramDeclaration } from './declaration.ts';
import { trialReelError } from './trial-reels.ts';

const clip = (name = 'clip.mp4'): MediaItem => ({ url: `https://media.example.com/${name}`, kind: 'video' });
const photo: MediaItem = { url: 'https://media.example.com/a.jpg', kind: 'image' };

/** Trial-reel vectors: options and media in, the code and details Herald answers (none: valid). */
const vectors: {
  name: string;
  options: Record<string, unknown>;
  media: MediaItem[];
  code?: number;
  details?: string;
}[] = [
  { name: 'no trialParams', options: {}, media: [clip()] },
  { name: 'MANUAL', options: { trialParams: { graduationStrategy: 'MANUAL' } }, media: [clip()] },
  {
    name: 'SS_PERFORMANCE, .mov',
    options: { trialParams: { graduationStrategy: 'SS_PERFORMANCE' } },
    media: [clip('a.MOV')],
  },
  { name: 'missing strategy', options: { trialParams: {} }, media: [clip()], code: 447 },
  {
    name: 'null strategy',
    options: { trialParams: { graduationStrategy: null } },
    media: [clip()],
    code: 447,
  },
  {
    name: 'empty strategy',
    options: { trialParams: { graduationStrategy: '' } },
    media: [clip()],
    code: 447,
  },
  { name: 'trialParams null', options: { trialParams: null }, media: [clip()], code: 447 },
  {
    name: 'lower case',
    options: { trialParams: { graduationStrategy: 'manual' } },
    media: [clip()],
    code: 448,
    details: 'Received: manual',
  },
  {
    name: 'a number',
    options: { trialParams: { graduationStrategy: 5 } },
    media: [clip()],
    code: 448,
    details: 'Received: 5',
  },
  {
    name: 'cut to 64',
    options: { trialParams: { graduationStrategy: `${'é'.repeat(70)}` } },
    media: [clip()],
    code: 448,
    details: `Received: ${'é'.repeat(64)}`,
  },
  {
    name: 'carousel',
    options: { trialParams: { graduationStrategy: 'MANUAL' } },
    media: [clip(), clip()],
    code: 449,
    details: 'Carousels are not supported.',
  },
  {
    name: 'story',
    options: { trialParams: { graduationStrategy: 'MANUAL' }, stories: true },
    media: [clip()],
    code: 449,
    details: 'Stories are not supported.',
  },
  {
    name: 'an image',
    options: { trialParams: { graduationStrategy: 'MANUAL' } },
    media: [photo],
    code: 449,
    details: 'Only .mp4 or .mov videos are supported.',
  },
  {
    name: 'a webm',
    options: { trialParams: { graduationStrategy: 'MANUAL' } },
    media: [clip('a.webm')],
    code: 449,
    details: 'Only .mp4 or .mov videos are supported.',
  },
  {
    name: 'no media',
    options: { trialParams: { graduationStrategy: 'MANUAL' } },
    media: [],
    code: 449,
    details: 'Only .mp4 or .mov videos are supported.',
  },
  // The strategy is checked first: a bad strategy on a carousel is 448, not 449.
  {
    name: 'both wrong',
    options: { trialParams: { graduationStrategy: 'x' } },
    media: [clip(), clip()],
    code: 448,
    details: 'Received: x',
  },
];

describe('trial reels', () => {
  it.each(vectors)('$name', ({ options, media, code, details }) => {
    const error = trialReelError({ options, media });
    expect(error?.code).toBe(code);
    if (error) expect(buildErrorBody(error).details).toBe(details);
  });

  it('is the instagram declaration’s validate hook, which also refuses a story of several items', () => {
    const account = { externalId: '1', username: 'u', displayName: 'u', credentials: {} };
    const input = { targetId: 't', text: '', account };
    expect(
      instagramDeclaration.validate?.({ ...input, media: [clip()], options: { trialParams: {} } }),
    ).toEqual([{ code: 447, platform: 'instagram' }]);
    expect(
      instagramDeclaration.validate?.({ ...input, media: [photo, photo], options: { stories: true } }),
    ).toMatchObject([{ code: 136 }]);
    expect(instagramDeclaration.validate?.({ ...input, media: [photo], options: {} })).toEqual([]);
  });
});
