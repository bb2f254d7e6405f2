import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findMoov, type RangeReader } from './video-probe.ts';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/media/${name}`, import.meta.url));

/** ftyp, free, mdat, [a large free box], moov: the moov of a long phone video, far from the start. */
function moovFarAway(padding: number): Buffer {
  const file = fixture('landscape-640x360-moov-last.mp4');
  const moovAt = file.length - 886;
  const free = Buffer.alloc(padding);
  free.writeUInt32BE(padding, 0);
  free.write('free', 4, 'latin1');
  return Buffer.concat([file.subarray(0, moovAt), free, file.subarray(moovAt)]);
}

/** The same file with its `free` + `mdat` headers rewritten as one 64-bit-size `mdat` header (same offsets). */
function largeSizeMdat(): Buffer {
  const file = Buffer.from(fixture('landscape-640x360-moov-last.mp4'));
  const mdatSize = file.readUInt32BE(40);
  file.writeUInt32BE(1, 32);
  file.write('mdat', 36, 'latin1');
  file.writeBigUInt64BE(BigInt(mdatSize + 8), 40);
  return file;
}

/** A range-honouring origin over a buffer, counting the requests. */
function origin(file: Buffer, honoursRanges = true): { read: RangeReader; reads: [number, number][] } {
  const reads: [number, number][] = [];
  return {
    reads,
    read: async (start, end) => {
      reads.push([start, end]);
      return honoursRanges ? file.subarray(start, end + 1) : undefined;
    },
  };
}

const PREFIX = 512 * 1024;

describe('findMoov', () => {
  it.each([
    ['moov first', fixture('vertical-360x640.mp4'), 360, 640, true],
    ['moov last, small file', fixture('landscape-640x360-moov-last.mp4'), 640, 360, false],
    ['QuickTime, rotated', fixture('rotated-portrait.mov'), 360, 640, true],
    ['64-bit mdat size', largeSizeMdat(), 640, 360, false],
  ])('%s: read from the first bytes alone', async (_name, file, width, height, moovFirst) => {
    const { read, reads } = origin(file);
    const result = await findMoov(file.subarray(0, PREFIX), file.length, read);
    expect(result).toMatchObject({ found: true, info: { width, height }, moovFirst });
    expect(reads).toEqual([]);
  });

  it('hops over 40 MB to a moov at the end with one ranged read', async () => {
    const file = moovFarAway(40 * 1024 * 1024);
    const { read, reads } = origin(file);
    const result = await findMoov(file.subarray(0, PREFIX), file.length, read);
    expect(result).toMatchObject({ found: true, info: { width: 640, height: 360 }, moovFirst: false });
    expect(reads).toHaveLength(1);
    expect(reads[0]?.[0]).toBe(file.length - 886);
  });

  it('works without knowing the file size', async () => {
    const file = moovFarAway(2 * 1024 * 1024);
    const { read } = origin(file);
    expect(await findMoov(file.subarray(0, PREFIX), null, read)).toMatchObject({
      found: true,
      info: { width: 640, height: 360 },
    });
  });

  it('says why when the origin will not answer a range', async () => {
    const file = moovFarAway(2 * 1024 * 1024);
    const { read } = origin(file, false);
    expect(await findMoov(file.subarray(0, PREFIX), file.length, read)).toEqual({
      found: false,
      reason: 'the origin did not answer a byte-range request for the rest of the file',
    });
  });

  it.each([
    ['no moov at all', fixture('vertical-360x640.mp4').subarray(0, 32), 'the file has no moov box'],
    [
      'a box of impossible size',
      Buffer.from([0, 0, 0, 4, 0x66, 0x72, 0x65, 0x65, 0, 0, 0, 0]),
      'a free box has an impossible size',
    ],
  ])('%s', async (_name, file, reason) => {
    const { read } = origin(file);
    expect(await findMoov(file, file.length, read)).toEqual({ found: false, reason });
  });

  it('gives up after a bounded number of reads on a file of many boxes', async () => {
    const box = Buffer.alloc(100 * 1024);
    box.writeUInt32BE(box.length, 0);
    box.write('free', 4, 'latin1');
    const file = Buffer.concat(Array.from({ length: 20 }, () => box));
    const { read, reads } = origin(file);
    const result = await findMoov(file.subarray(0, 1024), file.length, read);
    expect(result.found).toBe(false);
    expect(reads.length).toBeLessThanOrEqual(6);
  });
});
