/**
 * `npm run bench:media`: what the media library costs against the plainest way to do the
 * same work, measured in one run on this machine.
 *
 * - Upload throughput: a multipart upload of UPLOAD_MB streamed to POST /api/media/upload
 *   (Herald listening on loopback, embedded PostgreSQL) against a bare `node:http` server
 *   that pipes the request body to a file on the same disk. Same client, same bytes.
 * - Video fixes: a 30 s 1080p video remuxed (moov to the front, for Instagram) and
 *   re-encoded (HEVC to H.264, for X) by Herald's fixer (probe, plan, ffmpeg in its queue,
 *   probe of the result, store) against the same ffmpeg command run on the command line.
 *
 * Prints a table and writes it into the "Media library" section of docs/benchmarks.md
 * (`-- --no-doc` leaves the page alone; `-- --upload-mb N`, `-- --runs N`).
 */
import '../test/setup/net-guard.ts';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { startHerald } from '../src/app/start.ts';
import { loadConfig } from '../src/config/config.ts';
import { probeVideoFile } from '../src/media/ffmpeg/probe-video.ts';
import { fitVideo } from '../src/media/fix-video.ts';
import { uploadName } from '../src/media/media-names.ts';
import { createMediaService } from '../src/media/media-service.ts';
import { videoFindings } from '../src/media/video-fit.ts';
import { fixArgs, planFix } from '../src/media/video-fix-plan.ts';
import { createLogger } from '../src/ops/logger.ts';
import { startBenchPostgres } from './postgres.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DOC = path.join(ROOT, 'docs', 'benchmarks.md');
const START = '<!-- bench:media:start -->';
const END = '<!-- bench:media:end -->';
const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const UPLOAD_MB = arg('--upload-mb', 200);
const RUNS = arg('--runs', 3);
const WORK = path.join(ROOT, '.tmp', 'bench-media');
const log = (line: string) => process.stderr.write(`bench:media: ${line}\n`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const MB = 1024 * 1024;

/** A multipart body of `size` bytes of file (an MP4 header, then filler), generated as it is sent. */
function multipart(boundary: string, size: number): Readable {
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.mp4"\r\nContent-Type: video/mp4\r\n\r\n`,
  );
  const filler = randomBytes(MB);
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
      const chunk = (sent === 0 ? first : filler).subarray(0, Math.min(MB, size - sent));
      sent += chunk.length;
      this.push(chunk);
    },
  });
}

/** Seconds to send one upload and read the answer. */
function timeUpload(url: string, headers: Record<string, string>): Promise<number> {
  const boundary = 'bench-media';
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => {
        if ((res.statusCode ?? 0) !== 200) reject(new Error(`${url}: HTTP ${res.statusCode}`));
        else resolve(Number(process.hrtime.bigint() - started) / 1e9);
      });
    });
    req.on('error', reject);
    multipart(boundary, UPLOAD_MB * MB).pipe(req);
  });
}

/** The baseline: the request body piped to a file, nothing else. */
async function startDiskSink(dir: string) {
  let n = 0;
  const server = createServer((req, res) => {
    const file = path.join(dir, `sink-${n++}`);
    pipeline(req, createWriteStream(file))
      .then(() => {
        rmSync(file, { force: true });
        res.writeHead(200).end('{}');
      })
      .catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function uploads(): Promise<string[]> {
  const pg = await startBenchPostgres(path.join(WORK, 'postgres'));
  const apiKey = `bench-${randomBytes(16).toString('hex')}`;
  const dataDir = path.join(WORK, 'herald');
  const config = loadConfig({
    DATABASE_URL: pg.url,
    HERALD_API_KEY: apiKey,
    HERALD_SECRET_KEY: randomBytes(32).toString('base64'),
    HERALD_LOG_LEVEL: 'silent',
    HERALD_HOST: '127.0.0.1',
    HERALD_PORT: '0',
    HERALD_DATA_DIR: dataDir,
    HERALD_MEDIA_UPLOAD_MAX_BYTES: String((UPLOAD_MB + 1) * MB),
  });
  const herald = await startHerald(config, 'api', createLogger('silent'), true);
  const sink = await startDiskSink(WORK);
  try {
    const heraldUrl = `${herald.url}/api/media/upload`;
    await timeUpload(heraldUrl, { authorization: `Bearer ${apiKey}` }); // warm-up
    await timeUpload(sink.url, {});
    const h: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      log(`upload run ${i + 1}/${RUNS}`);
      b.push(await timeUpload(sink.url, {}));
      h.push(await timeUpload(heraldUrl, { authorization: `Bearer ${apiKey}` }));
    }
    const rate = (s: number[]) => UPLOAD_MB / median(s);
    return [
      `| bare \`node:http\`, request body piped to a file | ${rate(b).toFixed(0)} | 1.00× |`,
      `| Herald \`POST /api/media/upload\` (multipart, streamed to a temporary file, moved into the store, one row) | ${rate(h).toFixed(0)} | ${(rate(h) / rate(b)).toFixed(2)}× |`,
    ];
  } finally {
    await sink.close();
    await herald.stop();
    await pg.stop();
  }
}

/** Seconds of one run of `fn`. */
async function seconds(fn: () => Promise<unknown> | unknown): Promise<number> {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function videos(): Promise<{ rows: string[]; ffmpeg: string }> {
  const service = createMediaService(
    loadConfig({ HERALD_DATA_DIR: path.join(WORK, 'video'), HERALD_PUBLIC_URL: 'https://herald.bench' }),
    { secret: randomBytes(32) },
  );
  const ffmpeg = service.video.ffmpeg?.path;
  const ffprobe = service.video.ffprobe?.path;
  if (!ffmpeg || !ffprobe) throw new Error('bench:media needs ffmpeg and ffprobe');
  const version =
    execFileSync(ffmpeg, ['-version'], { encoding: 'utf8' }).split('\n')[0]?.split(' Copyright')[0] ?? '';
  mkdirSync(WORK, { recursive: true });
  const src = (name: string) => path.join(WORK, name);
  log('making the 30 s 1080p sources (once)');
  if (!existsSync(src('portrait-moov-last.mp4')))
    execFileSync(ffmpeg, [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=1080x1920:rate=30:duration=30',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:duration=30',
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-crf',
      '23',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-shortest',
      '-y',
      src('portrait-moov-last.mp4'),
    ]);
  if (!existsSync(src('landscape-hevc.mp4')))
    execFileSync(ffmpeg, [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=1920x1080:rate=30:duration=30',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:duration=30',
      '-c:v',
      'libx265',
      '-preset',
      'ultrafast',
      '-x265-params',
      'log-level=error',
      '-crf',
      '28',
      '-tag:v',
      'hvc1',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-shortest',
      '-movflags',
      '+faststart',
      '-y',
      src('landscape-hevc.mp4'),
    ]);

  const rows: string[] = [];
  const cases = [
    {
      name: 'remux (moov to the front), for Instagram',
      file: 'portrait-moov-last.mp4',
      platform: 'instagram' as const,
    },
    { name: 're-encode HEVC → H.264, for X', file: 'landscape-hevc.mp4', platform: 'twitter' as const },
  ];
  for (const c of cases) {
    const bytes = readFileSync(src(c.file));
    // The command ffmpeg runs for this fix, on the command line (one process, same arguments).
    const probe = await probeVideoFile(ffprobe, src(c.file), bytes.length, service.video.probeLimits);
    const steps = videoFindings(c.platform, 'N', 'video/mp4', probe, {}).flatMap((f) =>
      f.fix ? [f.fix] : [],
    );
    const args = fixArgs(planFix(steps, probe, 'blur'), src(c.file), src('cli-out.mp4'));
    const cli: number[] = [];
    const herald: number[] = [];
    const runs = c.platform === 'instagram' ? RUNS : 1;
    for (let i = 0; i < runs; i++) {
      log(`${c.name}: run ${i + 1}/${runs}`);
      cli.push(await seconds(() => spawnSync(ffmpeg, args, { stdio: 'ignore' })));
      // A fresh stored source each run, so the fixer never reuses an earlier fix.
      const name = uploadName('video/mp4');
      await service.store.put(name, bytes);
      herald.push(
        await seconds(() =>
          fitVideo(
            service,
            c.platform,
            { url: `https://herald.bench/media/${name}`, kind: 'video' },
            {},
            'blur',
          ),
        ),
      );
    }
    const [h, l] = [median(herald), median(cli)];
    rows.push(
      `| ${c.name} | ${(bytes.length / MB).toFixed(1)} | ${l.toFixed(2)} | ${h.toFixed(2)} | ${(h / l).toFixed(2)}× |`,
    );
  }
  return { rows, ffmpeg: `${version} (${service.video.ffmpeg?.source})` };
}

function writeSection(section: string): void {
  const page = readFileSync(DOC, 'utf8');
  const block = `${START}\n${section}\n${END}`;
  const next = page.includes(START)
    ? page.replace(new RegExp(`${START}[\\s\\S]*?${END}`), block)
    : `${page.trimEnd()}\n\n## Media library\n\n${block}\n`;
  writeFileSync(DOC, next);
}

async function main(): Promise<void> {
  rmSync(path.join(WORK, 'herald'), { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  const load = os.loadavg()[0] ?? 0;
  const upload = await uploads();
  const video = await videos();
  const cpus = os.cpus();
  const section = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus[0]?.model.trim() ?? 'a CPU'}, ${cpus.length} logical cores, Node.js ${process.version}; 1-minute load average ${load.toFixed(2)} when the run started. Medians of ${RUNS} runs after a warm-up (the re-encode: one run).`,
    '',
    `Upload: ${UPLOAD_MB} MB in one multipart request over loopback, the same client for both.`,
    '',
    '| Receiver | MB/s | ÷ baseline |',
    '| --- | ---: | ---: |',
    ...upload,
    '',
    `Video fixes: a 30 s 1080p source, ${video.ffmpeg}. Herald's time includes ffprobe before and after, the plan, the queue and the store; the command line runs the same ffmpeg arguments once.`,
    '',
    '| Fix | source MB | ffmpeg on the command line, s | Herald’s fixer, s | Herald ÷ command line |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...video.rows,
  ].join('\n');
  process.stdout.write(`${section}\n`);
  if (!process.argv.includes('--no-doc')) writeSection(section);
  statSync(DOC);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
