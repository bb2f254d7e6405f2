import { mkdtempSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Upload } from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { catalogAnswerProblems } from '../helpers/catalog-form.ts';
import { API_KEY, type TestHerald } from '../helpers/herald.ts';
import { listeningHerald, plainHerald } from '../helpers/listening-herald.ts';

/** Resumable uploads over a real socket: a connection cut mid-upload, then resumed from where it stopped. */
let h: { t: TestHerald; origin: string };
let otherKey: string;
const dataDir = mkdtempSync(path.join(tmpdir(), 'herald-tus-'));

beforeAll(async () => {
  h = await listeningHerald(plainHerald, { HERALD_DATA_DIR: dataDir });
  otherKey = String((await h.t.request('POST', '/api/profiles', { title: 'Other' })).body.profileKey);
});
afterAll(() => h?.t.stop());

const TUS = { 'tus-resumable': '1.0.0' };
const auth = (key?: string) => ({
  authorization: `Bearer ${API_KEY}`,
  ...(key ? { 'profile-key': key } : {}),
});

/** An MP4 of `size` bytes: a real ftyp box (sniffed as video/mp4), then filler. */
function fakeVideo(size: number): Buffer {
  const file = Buffer.alloc(size, 0x61);
  Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex').copy(file);
  return file;
}

/**
 * PATCHes `bytes` from `offset`, sends only the first `sendOnly` of them, and cuts the
 * connection once `arrived()` says the server has written some (no fixed sleep).
 */
function cutPatch(
  location: string,
  offset: number,
  bytes: Buffer,
  sendOnly: number,
  arrived: () => boolean,
): Promise<void> {
  return new Promise((resolve) => {
    const req = httpRequest(location, {
      method: 'PATCH',
      headers: {
        ...TUS,
        ...auth(),
        'upload-offset': String(offset),
        'content-type': 'application/offset+octet-stream',
        'content-length': String(bytes.length),
      },
    });
    req.on('error', () => resolve());
    req.on('response', (res) => {
      res.resume();
      resolve();
    });
    req.write(bytes.subarray(0, sendOnly));
    vi.waitFor(() => expect(arrived()).toBe(true), { timeout: 10_000 }).then(() => req.destroy());
  });
}

describe('tus resumable uploads (POST /api/media/tus)', () => {
  it('refuses a call without an API key', async () => {
    const res = await fetch(`${h.origin}/api/media/tus`, {
      method: 'POST',
      headers: { ...TUS, 'upload-length': '10' },
    });
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe(102);
  });

  it('a connection cut mid-upload resumes from the offset the server kept; the file lands in the library', async () => {
    const file = fakeVideo(3 * 1024 * 1024);
    const created = await fetch(`${h.origin}/api/media/tus`, {
      method: 'POST',
      headers: {
        ...TUS,
        ...auth(),
        'upload-length': String(file.length),
        'upload-metadata': `filename ${Buffer.from('big.mp4').toString('base64')}`,
      },
    });
    expect(created.status).toBe(201);
    const location = new URL(created.headers.get('location') ?? '', h.origin).toString();
    expect(location).toMatch(/\/api\/media\/tus\/[0-9a-f]{56}$/);

    const id = location.split('/').at(-1) ?? '';
    const written = () => {
      try {
        return statSync(path.join(dataDir, 'tus', id)).size > 0;
      } catch {
        return false;
      }
    };
    await cutPatch(location, 0, file, 1024 * 1024, written);
    const offsetNow = async () => {
      const head = await fetch(location, { method: 'HEAD', headers: { ...TUS, ...auth() } });
      return Number(head.headers.get('upload-offset'));
    };
    // The server keeps what arrived before the cut (some of the first MiB), no more.
    await vi.waitFor(async () => expect(await offsetNow()).toBeGreaterThan(0));
    const kept = await offsetNow();
    expect(kept).toBeLessThanOrEqual(1024 * 1024);

    // Another profile cannot see, continue or delete it.
    const peek = await fetch(location, { method: 'HEAD', headers: { ...TUS, ...auth(otherKey) } });
    expect(peek.status).toBe(404);

    // Resumed with tus-js-client: it asks the offset (HEAD) and sends the rest.
    const answer = await new Promise<string>((resolve, reject) => {
      const upload = new Upload(file, {
        uploadUrl: location,
        headers: auth(),
        chunkSize: 1024 * 1024,
        retryDelays: [],
        onError: reject,
        onSuccess: ({ lastResponse }) => resolve(lastResponse.getBody()),
      });
      upload.start();
    });
    const media = JSON.parse(answer) as { id: string; url: string; fileName: string };
    expect(media.fileName).toBe('big.mp4');
    const served = await fetch(media.url.replace(/^https?:\/\/[^/]+/, h.origin));
    expect(served.headers.get('content-type')).toBe('video/mp4');
    expect(Buffer.from(await served.arrayBuffer()).equals(file)).toBe(true);
    const list = await h.t.request('GET', '/api/media');
    expect((list.body as unknown as { id: string }[]).map((m) => m.id)).toContain(media.id);
  });

  /** A tus request as a tus client would send it, with `headers` changed, and its answer. */
  async function tusCall(
    method: string,
    url: string,
    headers: Record<string, string | undefined>,
    body?: Buffer,
  ): Promise<{ status: number; json: unknown; tusResumable: string | null }> {
    const sent = Object.fromEntries(
      Object.entries({ ...TUS, ...auth(), ...headers }).filter(([, v]) => v !== undefined),
    ) as Record<string, string>;
    const res = await fetch(url, { method, headers: sent, ...(body ? { body: new Uint8Array(body) } : {}) });
    return { status: res.status, json: await res.json(), tusResumable: res.headers.get('tus-resumable') };
  }

  async function started(length: number): Promise<string> {
    const created = await fetch(`${h.origin}/api/media/tus`, {
      method: 'POST',
      headers: { ...TUS, ...auth(), 'upload-length': String(length) },
    });
    expect(created.status).toBe(201);
    return new URL(created.headers.get('location') ?? '', h.origin).toString();
  }

  it('answers every tus refusal in catalog form, with the status the tus protocol gives it', async () => {
    const upload = await started(10);
    const patch = { 'content-type': 'application/offset+octet-stream' };
    const cases: Array<[string, Promise<Awaited<ReturnType<typeof tusCall>>>, number, number]> = [
      [
        'no Tus-Resumable',
        tusCall('POST', `${h.origin}/api/media/tus`, { 'tus-resumable': undefined, 'upload-length': '5' }),
        412,
        637,
      ],
      [
        'a bad Upload-Length',
        tusCall('POST', `${h.origin}/api/media/tus`, { 'upload-length': '-1' }),
        400,
        638,
      ],
      ['no Upload-Length', tusCall('POST', `${h.origin}/api/media/tus`, {}), 400, 638],
      [
        'concatenation',
        tusCall('POST', `${h.origin}/api/media/tus`, { 'upload-concat': 'partial', 'upload-length': '5' }),
        501,
        644,
      ],
      [
        'larger than the limit',
        tusCall('POST', `${h.origin}/api/media/tus`, { 'upload-length': String(10 ** 12) }),
        413,
        691,
      ],
      [
        'a PATCH without Upload-Offset',
        tusCall('PATCH', upload, { ...patch }, Buffer.from('hello')),
        403,
        639,
      ],
      [
        'a PATCH at the wrong offset',
        tusCall('PATCH', upload, { ...patch, 'upload-offset': '3' }, Buffer.from('hello')),
        409,
        641,
      ],
      [
        'more bytes than Upload-Length',
        tusCall('PATCH', upload, { ...patch, 'upload-offset': '0' }, Buffer.alloc(11, 1)),
        413,
        643,
      ],
    ];
    for (const [name, call, status, code] of cases) {
      const answer = await call;
      expect({ name, status: answer.status, code: (answer.json as { code?: number }).code }).toEqual({
        name,
        status,
        code,
      });
      expect(catalogAnswerProblems(answer.status, answer.json), name).toEqual([]);
      expect(answer.tusResumable, name).toBe('1.0.0');
    }
    // Nothing of the refused requests stayed: the upload is where it started.
    const head = await fetch(upload, { method: 'HEAD', headers: { ...TUS, ...auth() } });
    expect(head.headers.get('upload-offset')).toBe('0');
  });

  it('a file that is not media is refused with its catalog code when the last PATCH lands', async () => {
    const upload = await started(5);
    const answer = await tusCall(
      'PATCH',
      upload,
      { 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
      Buffer.from('hello'),
    );
    expect(answer.status).toBe(400);
    expect((answer.json as { code?: number }).code).toBe(690);
    expect(catalogAnswerProblems(answer.status, answer.json)).toEqual([]);
  });
});
