import { describe, expect, it } from 'vitest';
import { mergedVideo } from './update-video.ts';

const current = {
  id: 'vid12345678',
  snippet: {
    title: 'Old',
    description: 'Words',
    tags: ['a1', 'b2'],
    categoryId: '24',
    defaultLanguage: 'fr',
    channelId: 'UC1',
    publishedAt: '2027-01-01T00:00:00Z',
    thumbnails: {},
  },
  status: {
    uploadStatus: 'processed',
    privacyStatus: 'private',
    embeddable: false,
    license: 'creativeCommon',
    publicStatsViewable: true,
    selfDeclaredMadeForKids: false,
  },
};

const input = (changes: Record<string, unknown>, options: Record<string, unknown> = {}) => ({
  id: current.id,
  account: { externalId: 'UC1', username: 'x', displayName: 'x', credentials: {} },
  options,
  changes,
});

describe('mergedVideo: what videos.update is sent', () => {
  it('keeps every writable property it is not asked to change (YouTube would erase it)', () => {
    expect(mergedVideo(current, input({ visibility: 'public' }))).toEqual({
      id: current.id,
      snippet: {
        title: 'Old',
        description: 'Words',
        tags: ['a1', 'b2'],
        categoryId: '24',
        defaultLanguage: 'fr',
      },
      status: {
        privacyStatus: 'public',
        embeddable: false,
        license: 'creativeCommon',
        publicStatsViewable: true,
        selfDeclaredMadeForKids: false,
      },
    });
  });

  it.each<[Record<string, unknown>, Record<string, unknown>, Record<string, unknown>]>([
    [{ title: 'New' }, {}, { title: 'New' }],
    [{ title: 'New' }, { shorts: true }, { title: 'New #Shorts' }],
    [{ description: '' }, {}, { description: '' }],
    [{ categoryId: 22 }, {}, { categoryId: '22' }],
    [{ tags: ['zz'] }, {}, { tags: ['zz'] }],
  ])('%j (options %j) → snippet %j', (changes, options, snippet) => {
    expect(mergedVideo(current, input(changes, options)).snippet).toMatchObject(snippet);
  });

  it('madeForKids is the status flag', () => {
    expect(mergedVideo(current, input({ madeForKids: true })).status.selfDeclaredMadeForKids).toBe(true);
  });
});
