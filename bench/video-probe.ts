/**
 * `npm run bench:video`: how much Herald reads to learn a remote video's displayed size
 * and duration when its `moov` sits after 300 MB of media data (as phones write it).
 * Herald's probe (src/media/video-head.ts: the first 512 KiB, then byte ranges through
 * the safe fetcher), ffprobe on the same URL when it is installed, and a whole download
 * through the same safe fetcher, against one origin on loopback that serves the file
 * from memory (the 300 MB of media data are generated, never stored). Prints a table and
 * writes it into the "Video probe" section of docs/benchmarks.md (`-- --no-doc` leaves the
 * page alone; `-- --runs N` changes the number of timed runs).
 */
import '../test/setup/net-guard.ts';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseAllowList } from '../src/media/allow-list.ts';
import { fetchHead } from '../src/media/media-head.ts';
import { type FetchPolicy, openMedia } from '../src/media/safe-fetch.ts';
import { systemResolver } from '../src/media/url-decision.ts';
import { videoLayout } from '../src/media/video-head.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DOC = path.join(ROOT, 'docs', 'benchmarks.md');
const START = '<!-- bench:video:start -->';
const END = '<!-- bench:video:end -->';
const argRuns = process.argv.indexOf('--runs');
const RUNS = argRuns > 0 ? Number(process.argv[argRuns + 1]) : 5;
const MEDIA_DATA = 300 * 1024 * 1024;

const log = (line: string) => process.stderr.write(`bench:video: ${line}\n`);

/**
 * The fixture's ftyp and moov around an mdat of MEDIA_DATA zero bytes. The moov's chunk
 * offsets then point at zeros: enough for anything that reads the layout, not to play it.
 */
function virtualFile(): { size: number; slice(start: number, end: number): Buffer } {
  const source = readFileSync(path.join(ROOT, 'test/fixtures/media/landscape-640x360-moov-last.mp4'));
  const boxes: Record<string, Buffer> = {};
  for (let at = 0; at < source.length; ) {
    const size = source.readUInt32BE(at);
    boxes[source.toString('latin1', at + 4, at + 8)] = source.subarray(at, at + size);
    at += size;
  }
  const ftyp = boxes.ftyp as Buffer;
  const moov = boxes.moov as Buffer;
  const mdatHeader = Buffer.alloc(8);
  mdatHeader.writeUInt32BE(MEDIA_DATA + 8, 0);
  mdatHeader.write('mdat', 4, 'latin1');
  const head = Buffer.concat([ftyp, mdatHeader]);
  const moovAt = head.length + MEDIA_DATA;
  const size = moovAt + moov.length;
  return {
    size,
    slice(start, end) {
      const out = Buffer.alloc(end - start);
      if (start < head.length) head.copy(out, 0, start, Math.min(end, head.length));
      if (end > moovAt)
        moov.copy(out, Math.max(0, moovAt - start), Math.max(0, start - moovAt), end - moovAt);
      return out;
    },
  };
}

interface Origin {
  url: string;
  requests: number;
  bytes: number;
  close(): Promise<void>;
}

/** Serves the virtual file with Range support, counting requests and bytes sent. */
async function startOrigin(file: ReturnType<typeof virtualFile>): Promise<Origin> {
  const stats = { requests: 0, bytes: 0 };
  const server = createServer((req, res) => {
    stats.requests += 1;
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    const start = range ? Number(range[1]) : 0;
    const end = range?.[2] ? Math.min(Number(range[2]) + 1, file.size) : file.size;
    res.writeHead(range ? 206 : 200, {
      'content-type': 'video/mp4',
      'content-length': end - start,
      'accept-ranges': 'bytes',
      ...(range ? { 'content-range': `bytes ${start}-${end - 1}/${file.size}` } : {}),
    });
    // 1 MiB at a time, respecting back-pressure, so the whole download is streamed.
    let at = start;
    const pump = () => {
      while (at < end) {
        const next = Math.min(at + 1024 * 1024, end);
        const chunk = file.slice(at, next);
        stats.bytes += chunk.length;
        at = next;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('close', () => {
      at = end;
    });
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/reel.mp4`,
    get requests() {
      return stats.requests;
    },
    get bytes() {
      return stats.bytes;
    },
    reset() {
      stats.requests = 0;
      stats.bytes = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  } as Origin & { reset(): void };
}

interface Measured {
  ms: number[];
  requests: number;
  bytes: number;
  answer: string;
}

async function measure(
  origin: Origin & { reset(): void },
  run: () => Promise<string> | string,
): Promise<Measured> {
  await run(); // warm-up
  const ms: number[] = [];
  let answer = '';
  let requests = 0;
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    origin.reset();
    const start = process.hrtime.bigint();
    answer = await run();
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
    requests = origin.requests;
    bytes = origin.bytes;
  }
  return { ms, requests, bytes, answer };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

function ffprobeVersion(): string | undefined {
  try {
    return execFileSync('ffprobe', ['-version'], { encoding: 'utf8' }).split('\n')[0]?.split(' Copyright')[0];
  } catch {
    return undefined;
  }
}

function writeSection(section: string): void {
  const page = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Benchmarks\n';
  const block = `${START}\n${section}\n${END}`;
  const next = page.includes(START)
    ? page.replace(new RegExp(`${START}[\\s\\S]*?${END}`), block)
    : `${page.trimEnd()}\n\n## Video probe\n\n${block}\n`;
  writeFileSync(DOC, next);
}

async function main(): Promise<void> {
  const load = os.loadavg()[0] ?? 0;
  const file = virtualFile();
  const origin = (await startOrigin(file)) as Origin & { reset(): void };
  const policy: FetchPolicy = {
    allow: parseAllowList('127.0.0.1').allow,
    resolve: systemResolver,
    timeoutMs: 120_000,
    maxBytes: 2 * 1024 * 1024 * 1024,
  };
  try {
    log(`Herald's probe (${RUNS} runs after a warm-up)`);
    const herald = await measure(origin, async () => {
      const head = await fetchHead(policy, origin.url);
      const layout = await videoLayout(policy, head);
      if (!layout?.found || !layout.info) throw new Error(`no layout: ${JSON.stringify(layout)}`);
      return `${layout.info.width}×${layout.info.height}, ${layout.info.durationSeconds} s`;
    });
    const rssBefore = process.memoryUsage().rss;
    log(`whole download through the safe fetcher (${RUNS} runs after a warm-up)`);
    const whole = await measure(origin, async () => {
      const opened = await openMedia(policy, origin.url, {});
      let received = 0;
      for await (const chunk of opened.response as AsyncIterable<Buffer>) received += chunk.length;
      opened.finish();
      return `${received} bytes`;
    });
    const rssGrowth = Math.max(0, process.memoryUsage().rss - rssBefore);
    const ffprobe = ffprobeVersion();
    let ff: Measured | undefined;
    if (ffprobe) {
      log(`ffprobe (${RUNS} runs after a warm-up)`);
      // Asynchronously: the origin runs in this process and must keep answering.
      const run = promisify(execFile);
      ff = await measure(origin, async () => {
        const args = [
          '-v',
          'error',
          '-select_streams',
          'v:0',
          '-show_entries',
          'stream=width,height',
          '-of',
          'csv=p=0',
        ];
        const { stdout } = await run('ffprobe', [...args, origin.url], { encoding: 'utf8' });
        return stdout.trim().replace(',', '×');
      });
    } else {
      log('ffprobe is not installed (apt-get install -y ffmpeg): it is left out');
    }
    const mb = (bytes: number) => (bytes / 1e6).toFixed(bytes < 1e7 ? 2 : 0);
    const row = (name: string, m: Measured) =>
      `| ${name} | ${median(m.ms).toFixed(1)} | ${m.requests} | ${mb(m.bytes)} | ${m.answer} |`;
    const cpus = os.cpus();
    const section = [
      `An MP4 of ${mb(file.size)} MB whose moov (886 bytes, a 640×360 track) comes after ${MEDIA_DATA / 1024 / 1024} MiB of media data, served from memory with Range support on 127.0.0.1; ${RUNS} timed runs after one warm-up, median wall-clock; requests and bytes are what the origin sent in the last run.`,
      `Machine: ${cpus[0]?.model.trim() ?? 'unknown'}, ${cpus.length} logical cores; Node.js ${process.version}; 1-minute load average ${load.toFixed(2)} when the run started; run ${new Date().toISOString().slice(0, 10)}.`,
      '',
      '| Reader | median ms | requests | MB sent by the origin | answer |',
      '| --- | ---: | ---: | ---: | --- |',
      row('Herald (first 512 KiB, then byte ranges to the moov)', herald),
      ...(ff && ffprobe ? [row(`ffprobe (${ffprobe}) on the URL`, ff)] : []),
      row('whole download through the same safe fetcher (streamed, discarded)', whole),
      '',
      `The whole download grew the process's RSS by ${mb(rssGrowth)} MB (it streams); on a real origin it would also cost the 300 MB of transfer per check.`,
      ff ? '' : 'ffprobe was not installed on the machine of this run: it is left out.',
    ]
      .filter((line, i, all) => line !== '' || all[i - 1] !== '')
      .join('\n')
      .trimEnd();
    process.stdout.write(`${section}\n`);
    if (!process.argv.includes('--no-doc')) {
      writeSection(section);
      log(`wrote ${path.relative(ROOT, DOC)}`);
    }
  } finally {
    await origin.close();
  }
}

await main();
