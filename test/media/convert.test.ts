import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConversionError, convertToJpeg } from '../../src/media/convert.ts';
import { sniffMediaType } from '../../src/media/sniff.ts';
import { type MediaFixtures, mediaFixtures } from '../fakes/media-server/fixtures.ts';

let f: MediaFixtures;
beforeAll(async () => {
  f = await mediaFixtures();
});

/** The colour of one pixel of a JPEG. */
async function pixel(jpeg: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [data[at] ?? -1, data[at + 1] ?? -1, data[at + 2] ?? -1];
}

const near = (actual: number[], expected: number[], tolerance = 12) =>
  actual.every((v, i) => Math.abs(v - (expected[i] ?? 0)) <= tolerance);

describe('conversion to JPEG', () => {
  it('WebP: transparency lands on white', async () => {
    const out = await convertToJpeg(f.webp, 'image/webp');
    expect(sniffMediaType(out.bytes)).toBe('image/jpeg');
    expect([out.width, out.height]).toEqual([800, 600]);
    // 50 % blue over white.
    expect(near(await pixel(out.bytes, 10, 10), [127, 127, 255], 20)).toBe(true);
  });

  it('AVIF', async () => {
    const out = await convertToJpeg(f.avif, 'image/avif');
    expect(sniffMediaType(out.bytes)).toBe('image/jpeg');
    expect([out.width, out.height]).toEqual([640, 480]);
  });

  it('HEIC (HEVC, decoded by libheif in a worker): the picture survives', async () => {
    const out = await convertToJpeg(f.heic, 'image/heic');
    expect(sniffMediaType(out.bytes)).toBe('image/jpeg');
    expect([out.width, out.height]).toEqual([800, 600]);
    expect(near(await pixel(out.bytes, 100, 300), [220, 40, 40])).toBe(true);
    expect(near(await pixel(out.bytes, 700, 300), [40, 60, 220])).toBe(true);
  });

  it('applies EXIF orientation and drops the metadata', async () => {
    // 300×100 pixels stored, "rotate 90° clockwise" (orientation 6) in EXIF, with a camera model.
    const rotated = await sharp({ create: { width: 300, height: 100, channels: 3, background: '#808080' } })
      .webp()
      .withMetadata({ orientation: 6, exif: { IFD0: { Model: 'Secret Camera' } } })
      .toBuffer();
    expect((await sharp(rotated).metadata()).orientation).toBe(6);
    const out = await convertToJpeg(rotated, 'image/webp');
    expect([out.width, out.height]).toEqual([100, 300]);
    const meta = await sharp(out.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(out.bytes.includes(Buffer.from('Secret Camera'))).toBe(false);
  });

  it.each([
    ['corrupt WebP', () => f.corruptWebp, 'image/webp'],
    ['HEIC that is not', () => Buffer.concat([f.heic.subarray(0, 40), Buffer.alloc(200, 1)]), 'image/heic'],
  ] as const)('%s is a ConversionError', async (_name, bytes, type) => {
    await expect(convertToJpeg(bytes(), type)).rejects.toBeInstanceOf(ConversionError);
  });
});
