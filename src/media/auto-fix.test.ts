import { describe, expect, it } from 'vitest';
import { type AutoFixField, autoFixOf, storedAutoFix } from './auto-fix.ts';

describe('autoFix: the post’s field, else HERALD_MEDIA_AUTOFIX', () => {
  const config = (autoFix: boolean) => ({ mediaLibrary: { autoFix } }) as Parameters<typeof autoFixOf>[1];
  it.each<[AutoFixField, boolean, string]>([
    [undefined, false, 'off'],
    [undefined, true, 'blur'],
    [true, false, 'blur'],
    [false, true, 'off'],
    [{ fill: 'black' }, false, 'black'],
    [{}, false, 'blur'],
  ])('%j with the default %s → %s', (field, configured, mode) => {
    expect(autoFixOf(storedAutoFix(field), config(configured))).toBe(mode);
  });
});
