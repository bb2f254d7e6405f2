import { describe, expect, it } from 'vitest';
import { looksLikeHtml, sniffMediaType } from './sniff.ts';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

/** An ISO-BMFF `ftyp` box with a major brand and compatible brands. */
const ftyp = (major: string, ...compatible: string[]) => {
  const size = 16 + compatible.length * 4;
  return bytes([0, 0, 0, size], 'ftyp', major, [0, 0, 0, 0], ...compatible, [0, 0, 0, 8], 'mdat');
};

describe('media type from magic numbers', () => {
  it.each([
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg'],
    ['PNG', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]), 'image/png'],
    ['GIF89a', bytes('GIF89a'), 'image/gif'],
    ['GIF87a', bytes('GIF87a'), 'image/gif'],
    ['WebP', bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '), 'image/webp'],
    ['RIFF that is WAV', bytes('RIFF', [1, 2, 3, 4], 'WAVEfmt '), undefined],
    ['TIFF (II)', bytes([0x49, 0x49, 0x2a, 0]), 'image/tiff'],
    ['TIFF (MM)', bytes([0x4d, 0x4d, 0, 0x2a]), 'image/tiff'],
    [
      'BMP',
      bytes(
        'BM',
        Array.from({ length: 20 }, () => 0),
      ),
      'image/bmp',
    ],
    ['AVIF', ftyp('avif', 'mif1', 'miaf'), 'image/avif'],
    ['AVIF sequence', ftyp('avis', 'msf1'), 'image/avif'],
    ['AVIF by compatible brand', ftyp('mif1', 'avif'), 'image/avif'],
    ['HEIC', ftyp('heic', 'mif1', 'heic'), 'image/heic'],
    ['HEIC burst', ftyp('hevc', 'msf1'), 'image/heic'],
    ['HEIF by compatible brand', ftyp('mif1', 'heic'), 'image/heic'],
    ['HEIF (mif1 only)', ftyp('mif1', 'miaf'), 'image/heif'],
    ['MP4 isom', ftyp('isom', 'iso2', 'mp41'), 'video/mp4'],
    ['MP4 mp42', ftyp('mp42', 'isom'), 'video/mp4'],
    ['M4V', ftyp('M4V ', 'M4A '), 'video/mp4'],
    ['MOV (qt brand)', ftyp('qt  ', 'qt  '), 'video/quicktime'],
    ['MOV without ftyp', bytes([0, 0, 0, 8], 'wide', [0, 0, 0, 8], 'mdat'), 'video/quicktime'],
    ['WebM', bytes([0x1a, 0x45, 0xdf, 0xa3]), 'video/webm'],
    ['HTML', bytes('<!DOCTYPE html><html>'), undefined],
    ['empty', bytes(), undefined],
  ])('%s', (_name, input, type) => {
    expect(sniffMediaType(input)).toBe(type);
  });
});

describe('HTML where media was expected', () => {
  it.each([
    ['<!DOCTYPE html><html>', null, true],
    ['\uFEFF  <html lang="en">', null, true],
    ['<head><title>x', null, true],
    ['<script>location.href="/challenge"</script>', null, true],
    ['{"error":"forbidden"}', 'text/html; charset=utf-8', true],
    ['{"error":"forbidden"}', 'application/json', false],
    ['GIF89a', 'image/gif', false],
  ])('%j (%s) → %s', (text, type, html) => {
    expect(looksLikeHtml(Buffer.from(text), type)).toBe(html);
  });
});
