import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PublishInput } from '../types.ts';
import { gmbDeclaration } from './declaration.ts';
import { localPostBody } from './post-body.ts';

function input(options: Record<string, unknown>, text = 'Open late on Friday'): PublishInput {
  const account = { externalId: 'x', username: 'x', displayName: 'x', credentials: {} };
  return { targetId: randomUUID(), text, media: [], options, account };
}

const problemsOf = (options: Record<string, unknown>) =>
  (gmbDeclaration.validate?.(input(options)) ?? []).map((error) => String(error.params?.problem));

describe('gmbOptions rules', () => {
  it.each([
    ['nothing', {}],
    [
      'a learn_more call to action (Ayrshare’s spelling)',
      { callToAction: { actionType: 'learn_more', url: 'https://example.com' } },
    ],
    ['Google’s spelling', { callToAction: { actionType: 'SIGN_UP', url: 'http://example.com/s' } }],
    ['call, which takes no URL', { callToAction: { actionType: 'call' } }],
    ['topicType STANDARD', { topicType: 'standard' }],
    ['isPhotoVideo false', { isPhotoVideo: false }],
  ])('accepts %s', (_, options) => {
    expect(problemsOf(options)).toEqual([]);
  });

  it.each([
    ['isPhotoVideo', { isPhotoVideo: true }, /isPhotoVideo/],
    [
      'an event post',
      { topicType: 'EVENT', event: { title: 'Launch' } },
      /event and offer posts are not supported/,
    ],
    ['an offer', { offer: { couponCode: 'X' } }, /^offer: event and offer/],
    [
      'an unknown action',
      { callToAction: { actionType: 'subscribe', url: 'https://example.com' } },
      /learn_more, book, order, shop, sign_up, call/,
    ],
    ['book without a URL', { callToAction: { actionType: 'book' } }, /callToAction.url .* required for book/],
    ['a URL that is none', { callToAction: { actionType: 'shop', url: 'example.com' } }, /callToAction.url/],
  ])('refuses %s with 620', (_, options, problem) => {
    const errors = gmbDeclaration.validate?.(input(options)) ?? [];
    expect(errors[0]).toMatchObject({ code: 620, platform: 'gmb', params: { optionsField: 'gmbOptions' } });
    expect(problemsOf(options).join(' ')).toMatch(problem);
  });
});

describe('the LocalPost body', () => {
  it('a STANDARD post: summary, language, call to action in Google’s spelling, the image by URL', () => {
    const sent = input({
      callToAction: { actionType: 'learn_more', url: 'https://example.com/m' },
      languageCode: 'de',
    });
    const body = localPostBody({ ...sent, media: [{ url: 'https://cdn.example.com/a.jpg', kind: 'image' }] });
    expect(body).toEqual({
      languageCode: 'de',
      topicType: 'STANDARD',
      summary: 'Open late on Friday',
      callToAction: { actionType: 'LEARN_MORE', url: 'https://example.com/m' },
      media: [{ mediaFormat: 'PHOTO', sourceUrl: 'https://cdn.example.com/a.jpg' }],
    });
  });

  it('defaults to English, sends CALL without a URL, and no summary for an image-only post', () => {
    const sent = input({ callToAction: { actionType: 'call', url: 'https://ignored.example' } }, ' ');
    expect(localPostBody(sent)).toEqual({
      languageCode: 'en',
      topicType: 'STANDARD',
      callToAction: { actionType: 'CALL' },
    });
  });
});
