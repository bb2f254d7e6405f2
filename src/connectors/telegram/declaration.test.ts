import { describe, expect, it } from 'vitest';
import { validateTarget } from '../../posts/validate-target.ts';
import type { MediaItem, PublishInput } from '../types.ts';
import { telegramDeclaration } from './declaration.ts';

const account = { externalId: '-100', username: 'c', displayName: 'C', credentials: {} };
const image: MediaItem = { url: 'https://x.test/a.jpg', kind: 'image' };
const video: MediaItem = { url: 'https://x.test/a.mp4', kind: 'video' };

function input(text: string, media: MediaItem[] = []): PublishInput {
  return { targetId: 't', text, media, options: {}, account };
}

describe('telegramDeclaration rules (through the core’s validateTarget)', () => {
  it.each([
    ['text only, 4,096 characters', input('a'.repeat(4096)), undefined],
    ['text only, 4,097 characters', input('a'.repeat(4097)), 132],
    ['a photo with a 1,024-character caption', input('é'.repeat(1024), [image]), undefined],
    ['a photo with a 1,025-character caption', input('a'.repeat(1025), [image]), 132],
    [
      'an album of 10, photos and videos mixed',
      input('hi', [...Array(5).fill(image), ...Array(5).fill(video)]),
      undefined,
    ],
    ['an album of 11', input('hi', [...Array(6).fill(image), ...Array(5).fill(video)]), 136],
    ['11 photos', input('hi', Array(11).fill(image)), 136],
    ['a video without text', input('', [video]), undefined],
    ['no text and no media', input('  '), 622],
  ])('%s → %s', (_label, given, code) => {
    const errors = validateTarget(telegramDeclaration, given, undefined);
    expect(errors[0]?.code).toBe(code);
  });

  it('says which limit a caption broke', () => {
    expect(telegramDeclaration.validate?.(input('a'.repeat(2000), [image]))).toEqual([
      {
        code: 132,
        platform: 'telegram',
        params: {
          platformName: 'Telegram',
          length: 2000,
          limit: 1024,
          unit: 'characters (a caption with media)',
        },
      },
    ]);
  });

  it('declares no reconcile: a lost answer becomes unconfirmed, never re-sent', () => {
    expect(telegramDeclaration.capabilities).toEqual({ delete: true, reconcile: false });
  });
});
