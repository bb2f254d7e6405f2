import { describe, expect, it } from 'vitest';
import { declaredType } from './upload-url.ts';

describe('declaredType: Ayrshare’s contentType (mp4, mov, png, jpg...) or a MIME type, else the file name', () => {
  it.each([
    ['mp4', 'x', 'video/mp4'],
    ['mov', 'x', 'video/quicktime'],
    ['MOV', 'x', 'video/quicktime'],
    ['jpeg', 'x', 'image/jpeg'],
    ['image/png', 'x', 'image/png'],
    ['video/webm', 'x', 'video/webm'],
    [undefined, 'holiday.MP4', 'video/mp4'],
    [undefined, 'photo.heic', 'image/heic'],
    ['', 'a.gif', 'image/gif'],
    ['application/pdf', 'a.pdf', undefined],
    [undefined, 'notes.txt', undefined],
    [undefined, 'no-extension', undefined],
  ])('%s / %s → %s', (contentType, fileName, type) => {
    expect(declaredType(contentType, fileName)).toBe(type);
  });
});
