import { describe, expect, it } from 'vitest';
import { buildErrorBody, type ErrorSpec } from '../../errors/build.ts';
import { validateTarget } from '../../posts/validate-target.ts';
import { threadTexts } from '../shared/thread-split.ts';
import type { PublishInput } from '../types.ts';
import { MAX_PARTS, threadsDeclaration } from './declaration.ts';

function input(text: string, options: Record<string, unknown> = {}): PublishInput {
  return {
    targetId: 't',
    text,
    media: [],
    options,
    account: { externalId: '1', username: 'u', displayName: 'U', credentials: {} },
  };
}

/** As the core checks a post at request time: options, text cap, media, then the declaration's rules. */
const check = (text: string, options: Record<string, unknown> = {}) =>
  validateTarget(threadsDeclaration, input(text, options), options);

const tooLong = (length: number, details?: string): ErrorSpec => ({
  code: 132,
  platform: 'threads',
  params: { platformName: 'Threads', length, limit: 500, unit: 'characters' },
  ...(details ? { details } : {}),
});

describe('threads chains: the parts (the splitting rule shared with X)', () => {
  it.each([
    ['one\n\ntwo\n\nthree', {}, ['one\n\ntwo\n\nthree']],
    ['one\n\ntwo\n\nthree', { thread: true }, ['one', 'two', 'three']],
    ['one\n \ntwo', { thread: true }, ['one', 'two']],
    ['line one\nline two\n\n\n\nnext', { thread: true }, ['line one\nline two', 'next']],
    ['a\n\nb\n\nc', { thread: true, threadNumber: true }, ['a 1/3', 'b 2/3', 'c 3/3']],
    ['a\n\nb', { threadNumber: true }, ['a\n\nb']],
    ['single', { thread: true, threadNumber: true }, ['single 1/1']],
    ['  \n\n ', { thread: true }, ['  \n\n ']],
  ])('%j with %j', (text, options, expected) => {
    expect(threadTexts(text, options)).toEqual(expected);
  });
});

describe('threads text limits, per post and per part', () => {
  it.each([
    ['500 characters', 'a'.repeat(500), {}, []],
    ['501 characters', 'a'.repeat(501), {}, [tooLong(501)]],
    ['500 emoji count 500', '😀'.repeat(500), {}, []],
    [
      'without thread, blank lines do not split',
      `${'a'.repeat(300)}\n\n${'b'.repeat(300)}`,
      {},
      [tooLong(602)],
    ],
    ['a chain of full parts', `${'a'.repeat(500)}\n\n${'b'.repeat(500)}`, { thread: true }, []],
    [
      'a chain with its second part too long',
      `a\n\n${'b'.repeat(501)}\n\nc`,
      { thread: true },
      [tooLong(501, 'Part 2 of 3 is too long.')],
    ],
    [
      'numbering counts',
      `${'a'.repeat(497)}\n\nb`,
      { thread: true, threadNumber: true },
      [tooLong(501, 'Part 1 of 2 is too long.')],
    ],
    ['numbering that fits', `${'a'.repeat(496)}\n\nb`, { thread: true, threadNumber: true }, []],
    ['one part too long is named without a part', 'a'.repeat(501), { thread: true }, [tooLong(501)]],
  ])('%s', (_label, text, options, expected) => {
    expect(check(text, options)).toEqual(expected);
  });

  it('the 132 body names the part', () => {
    const [spec] = check(`a\n\n${'b'.repeat(600)}`, { thread: true });
    expect(buildErrorBody(spec as ErrorSpec)).toEqual({
      action: 'post',
      status: 'error',
      code: 132,
      message: 'The post is too long for Threads: 600 of at most 500 characters.',
      details: 'Part 2 of 2 is too long.',
      platform: 'threads',
    });
  });

  it(`at most ${MAX_PARTS} parts: each one after the first uses Meta's reply quota`, () => {
    const parts = (n: number) => Array.from({ length: n }, (_, i) => `p${i}`).join('\n\n');
    expect(check(parts(MAX_PARTS), { thread: true })).toEqual([]);
    expect(check(parts(MAX_PARTS + 1), { thread: true })).toEqual([
      {
        code: 620,
        platform: 'threads',
        params: {
          optionsField: 'threadsOptions',
          problem: `thread splits the text into ${MAX_PARTS + 1} parts; at most ${MAX_PARTS}`,
        },
      },
    ]);
  });
});

describe('per-part media (threadsOptions.mediaUrls)', () => {
  it('is refused with 620: the post’s media go on the first part', () => {
    const [spec] = check('a\n\nb', { thread: true, mediaUrls: [['https://m.example/a.jpg'], null] });
    expect(spec).toMatchObject({ code: 620, platform: 'threads' });
    expect(buildErrorBody(spec as ErrorSpec).message).toBe(
      'Invalid threadsOptions: threadsOptions.mediaUrls (media per part of a chain) is not supported: the post’s mediaUrls go on the first part.',
    );
  });

  it('null means none, which is what Herald does', () => {
    expect(check('a\n\nb', { thread: true, mediaUrls: null })).toEqual([]);
  });
});
