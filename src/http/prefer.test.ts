import { describe, expect, it } from 'vitest';
import { respondAsync } from './prefer.ts';

describe('Prefer: respond-async (RFC 7240)', () => {
  it.each<[string | string[] | undefined, boolean]>([
    [undefined, false],
    ['', false],
    ['respond-async', true],
    ['Respond-Async', true],
    ['return=minimal, respond-async', true],
    ['respond-async; foo=bar', true],
    [['wait=10', 'respond-async'], true],
    ['wait=10', false],
    ['respond-asynchronously', false],
  ])('%j → %s', (prefer, expected) => {
    expect(respondAsync(prefer)).toBe(expected);
  });
});
