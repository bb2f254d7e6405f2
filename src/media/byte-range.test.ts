import { describe, expect, it } from 'vitest';
import { byteRange } from './byte-range.ts';

describe('byteRange (RFC 9110 §14)', () => {
  it.each([
    [undefined, { kind: 'whole' }],
    ['bytes=0-99', { kind: 'part', start: 0, end: 99 }],
    ['bytes=0-524288', { kind: 'part', start: 0, end: 999 }],
    ['bytes=900-', { kind: 'part', start: 900, end: 999 }],
    ['bytes=-10', { kind: 'part', start: 990, end: 999 }],
    ['bytes=-5000', { kind: 'part', start: 0, end: 999 }],
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=0-1,5-6', { kind: 'whole' }],
    ['items=0-1', { kind: 'whole' }],
    ['bytes=50-10', { kind: 'whole' }],
  ])('%s', (header, answer) => {
    expect(byteRange(header, 1000)).toEqual(answer);
  });
});
