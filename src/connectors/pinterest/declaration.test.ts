import { describe, expect, it } from 'vitest';
import { validateTarget } from '../../posts/validate-target.ts';
import type { MediaItem, PublishInput } from '../types.ts';
import { pinterestDeclaration } from './declaration.ts';
import { boardOf, imageSource, pinBody, videoSource } from './pin-body.ts';

const image = (n: number): MediaItem => ({ url: `https://cdn.example.com/${n}.jpg`, kind: 'image' });
const video: MediaItem = { url: 'https://cdn.example.com/clip.mp4', kind: 'video' };

function input(text: string, media: MediaItem[], options: Record<string, unknown> = {}): PublishInput {
  return {
    targetId: 't',
    text,
    media,
    options,
    account: { externalId: '1', username: 'u', displayName: 'U', credentials: { boardId: 'default-board' } },
  };
}

/** As the core checks a post at request time. */
const codes = (text: string, media: MediaItem[], options: Record<string, unknown> = {}) =>
  validateTarget(pinterestDeclaration, input(text, media, options), options).map((e) => e.code);

describe('what Pinterest takes, checked before any call', () => {
  it.each([
    ['one image', 'Hello', [image(1)], {}, []],
    ['a carousel of 5', 'Hello', [1, 2, 3, 4, 5].map(image), {}, []],
    ['6 images', 'Hello', [1, 2, 3, 4, 5, 6].map(image), {}, [136]],
    ['one video', 'Hello', [video], { thumbNail: 'https://cdn.example.com/cover.jpg' }, []],
    ['a video and an image', 'Hello', [video, image(1)], {}, [136]],
    ['no media', 'Hello', [], {}, [136]],
    ['500 characters', 'a'.repeat(500), [image(1)], {}, []],
    ['501 characters', 'a'.repeat(501), [image(1)], {}, [132]],
    ['a title of 100', 'x', [image(1)], { title: 't'.repeat(100) }, []],
    ['a title of 101', 'x', [image(1)], { title: 't'.repeat(101) }, [620]],
    ['alt text of 501', 'x', [image(1)], { altText: ['a'.repeat(501)] }, [620]],
    ['a link of 2049', 'x', [image(1)], { link: `https://e.com/${'a'.repeat(2035)}` }, [620]],
    ['6 carouselOptions', 'x', [image(1)], { carouselOptions: [{}, {}, {}, {}, {}, {}] }, [620]],
    ['an empty boardId', 'x', [image(1)], { boardId: '' }, [620]],
  ] as const)('%s', (_, text, media, options, expected) => {
    expect(codes(text, [...media], options)).toEqual(expected);
  });
});

describe('the POST /v5/pins body', () => {
  it('one image: image_url, the text as description, the options as fields', () => {
    const given = input('A pin', [image(1)], {
      title: 'Title',
      link: 'https://example.com/page',
      altText: ['a red door'],
    });
    expect(pinBody(given, 'b1', imageSource(given))).toEqual({
      board_id: 'b1',
      title: 'Title',
      description: 'A pin',
      link: 'https://example.com/page',
      alt_text: 'a red door',
      media_source: { source_type: 'image_url', url: 'https://cdn.example.com/1.jpg' },
    });
  });

  it('a carousel: multiple_image_urls with each item’s own title and link', () => {
    const given = input('', [image(1), image(2)], {
      carouselOptions: [{ title: 'One', link: 'https://e.com/1' }],
    });
    expect(pinBody(given, 'b1', imageSource(given))).toEqual({
      board_id: 'b1',
      media_source: {
        source_type: 'multiple_image_urls',
        items: [
          { url: 'https://cdn.example.com/1.jpg', title: 'One', link: 'https://e.com/1' },
          { url: 'https://cdn.example.com/2.jpg' },
        ],
      },
    });
  });

  it('a video: the thumbNail as cover, else the first frame', () => {
    expect(videoSource(input('', [video], { thumbNail: 'https://e.com/c.jpg' }), 'm1')).toEqual({
      source_type: 'video_id',
      media_id: 'm1',
      cover_image_url: 'https://e.com/c.jpg',
    });
    expect(videoSource(input('', [video]), 'm1')).toEqual({
      source_type: 'video_id',
      media_id: 'm1',
      cover_image_key_frame_time: 0,
    });
  });

  it('the board: pinterestOptions.boardId, else the linked default', () => {
    expect(boardOf(input('', [image(1)], { boardId: 'other' }))).toBe('other');
    expect(boardOf(input('', [image(1)]))).toBe('default-board');
  });
});
