import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, type TestHerald } from '../helpers/herald.ts';
import { listeningHerald, plainHerald } from '../helpers/listening-herald.ts';

/**
 * A 200 MB multipart upload over a real socket while the test samples this process's
 * resident memory (Herald runs in it). Streamed to disk, the growth is the socket chunks the
 * collector has not reached yet, whatever the file's size: about 30 MB under Node 20, about
 * 65 MB under Node 24 (its collector lets more garbage build up), the same for 200 and 300 MB
 * files. An implementation that held the file (or the body) whole would grow by the file's
 * size at least. Behaviour, not speed: the bound is half the file, no timing is asserted.
 */
const MB = 1024 * 1024;
v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const CHUNK = 256 * 1024;
const FILE = 200 * MB;
let h: { t: TestHerald; origin: string };

beforeAll(async () => {
  h = await listeningHerald(plainHerald, {
    HERALD_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'herald-big-')),
    // Above the file: the default (100 MB) would refuse it.
    HERALD_MEDIA_UPLOAD_MAX_BYTES: String(FILE + MB),
  });
});
afterAll(() => h?.t.stop());

/** The multipart body, made as it is sent: an MP4 header, then filler, never all in memory. */
function body(boundary: string, size: number, hash: ReturnType<typeof createHash>): Readable {
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="fileName"\r\n\r\nbig.mp4\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.mp4"\r\nContent-Type: video/mp4\r\n\r\n`,
  );
  // One filler chunk sent again and again (never changed after it is pushed): the sender allocates nothing.
  const filler = Buffer.alloc(CHUNK, 0x61);
  const first = Buffer.from(filler);
  Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex').copy(first);
  let sent = 0;
  return new Readable({
    read() {
      if (sent === 0) this.push(head);
      if (sent >= size) {
        this.push(Buffer.from(`\r\n--${boundary}--\r\n`));
        this.push(null);
        return;
      }
      const chunk = (sent === 0 ? first : filler).subarray(0, Math.min(CHUNK, size - sent));
      hash.update(chunk);
      sent += chunk.length;
      this.push(chunk);
    },
  });
}

/** Sends a multipart upload of `size` bytes; resolves with the answer and the SHA-256 sent. */
function upload(size: number): Promise<{ status: number; body: string; sha256: string }> {
  const boundary = 'herald-memory-test';
  const hash = createHash('sha256');
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${h.origin}/api/media/upload`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${API_KEY}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString(),
          sha256: hash.digest('hex'),
        }),
      );
    });
    req.on('error', reject);
    body(boundary, size, hash).pipe(req);
  });
}

describe('a 200 MB multipart upload', () => {
  it('is streamed to the store: the process’s memory stays flat', async () => {
    // The same path once with a small file first: code loaded and compiled is not growth.
    expect((await upload(MB)).status).toBe(200);
    gc();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    const answer = await upload(FILE);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(answer.status).toBe(200);
    const media = JSON.parse(answer.body) as { url: string; size: number; contentType: string };
    expect(media).toMatchObject({ size: FILE, contentType: 'video/mp4' });
    const growth = peak - baseline;
    // A whole-buffer implementation keeps the 200 MB resident (and makes the same garbage
    // besides). Streamed, what grows is socket chunks the collector has not reached yet
    // (30 to 65 MB, see above; RSS does not shrink at once).
    expect(growth, `RSS grew by ${(growth / MB).toFixed(1)} MB`).toBeLessThan(FILE / 2);

    // What was stored is what was sent.
    const served = await fetch(media.url.replace(/^https?:\/\/[^/]+/, h.origin));
    const check = createHash('sha256');
    for await (const chunk of served.body as unknown as AsyncIterable<Uint8Array>) check.update(chunk);
    expect(check.digest('hex')).toBe(answer.sha256);
  });
});
