import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readBoxHeader, videoInfoFromMoov } from './mp4-boxes.ts';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/media/${name}`, import.meta.url));

/** The whole moov box of a file, by walking its top-level boxes. */
function moovOf(file: Buffer): Buffer {
  let at = 0;
  for (;;) {
    const header = readBoxHeader(file, at);
    if (!header) throw new Error('no moov');
    const size = header.size ?? file.length - at;
    if (header.type === 'moov') return file.subarray(at, at + size);
    at += size;
  }
}

describe('videoInfoFromMoov (files from a real encoder, checked against ffprobe)', () => {
  it.each([
    ['vertical-360x640.mp4', 360, 640, 4],
    ['landscape-640x360-moov-last.mp4', 640, 360, 4],
    // Stored 640×360 with a quarter-turn matrix: displayed portrait.
    ['rotated-portrait.mov', 360, 640, 4],
    // The audio track has no size; the video track is found by its handler.
    ['short-360x640-with-audio.mp4', 360, 640, 1],
  ])('%s → %i×%i, %i s', (name, width, height, seconds) => {
    const info = videoInfoFromMoov(moovOf(fixture(name)));
    expect(info).toMatchObject({ width, height });
    expect(info?.durationSeconds).toBeCloseTo(seconds, 1);
  });

  it('answers undefined for a moov cut short or for bytes that are no moov', () => {
    const moov = moovOf(fixture('vertical-360x640.mp4'));
    expect(videoInfoFromMoov(moov.subarray(0, 40))).toBeUndefined();
    expect(videoInfoFromMoov(Buffer.from('not a box at all'))).toBeUndefined();
    expect(videoInfoFromMoov(Buffer.alloc(0))).toBeUndefined();
  });
});

describe('readBoxHeader', () => {
  it.each([
    [
      '32-bit size',
      Buffer.from([0, 0, 0, 24, 0x66, 0x74, 0x79, 0x70]),
      { type: 'ftyp', headerSize: 8, size: 24 },
    ],
    [
      'size 0 runs to the end',
      Buffer.from([0, 0, 0, 0, 0x6d, 0x64, 0x61, 0x74]),
      { type: 'mdat', size: null },
    ],
    [
      '64-bit size',
      Buffer.from([0, 0, 0, 1, 0x6d, 0x64, 0x61, 0x74, 0, 0, 0, 1, 0, 0, 0, 0]),
      { type: 'mdat', headerSize: 16, size: 2 ** 32 },
    ],
  ])('%s', (_name, bytes, expected) => {
    expect(readBoxHeader(bytes, 0, 100)).toMatchObject({ ...expected, offset: 100 });
  });

  it('needs the whole header', () => {
    expect(readBoxHeader(Buffer.from([0, 0, 0, 1, 0x6d, 0x64, 0x61, 0x74, 0]), 0)).toBeUndefined();
    expect(readBoxHeader(Buffer.from([0, 0, 0]), 0)).toBeUndefined();
  });
});
