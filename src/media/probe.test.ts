import { describe, expect, it } from 'vitest';
import { totalSizeOf } from './probe.ts';

describe('file size from the answer to a ranged GET', () => {
  it.each([
    [206, { 'content-range': 'bytes 0-524288/2000000', 'content-length': '524289' }, 2_000_000],
    [206, { 'content-range': 'bytes 0-524288/*' }, null],
    [200, { 'content-length': '4096' }, 4096],
    [200, {}, null],
    [206, { 'content-length': '524289' }, null],
  ])('%i %j → %s', (status, headers, total) => {
    expect(totalSizeOf(status, new Headers(headers))).toBe(total);
  });
});
