/**
 * `npm run bench:convert`: a 12 MP (4000×3000) WebP to JPEG, with Herald's pipeline
 * (src/media/convert.ts: sharp, orientation applied, alpha on white, metadata dropped)
 * and with ImageMagick's `convert` on the same file, in the same run. Prints a table and
 * writes it into the "Image conversion" section of docs/benchmarks.md
 * (`-- --no-doc` leaves the page alone; `-- --runs N` changes the number of timed runs).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { convertToJpeg, JPEG_QUALITY } from '../src/media/convert.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DOC = path.join(ROOT, 'docs', 'benchmarks.md');
const START = '<!-- bench:convert:start -->';
const END = '<!-- bench:convert:end -->';
const argRuns = process.argv.indexOf('--runs');
const RUNS = argRuns > 0 ? Number(process.argv[argRuns + 1]) : 7;
const WIDTH = 4000;
const HEIGHT = 3000;

const log = (line: string) => process.stderr.write(`bench:convert: ${line}\n`);

/** A photo-like picture (gradients, shapes and grain), so the codecs have real work to do. */
async function photoLikeWebp(): Promise<Buffer> {
  const pixels = Buffer.alloc(WIDTH * HEIGHT * 3);
  let seed = 42;
  const noise = () => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
    return (seed >> 16) % 24;
  };
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const i = (y * WIDTH + x) * 3;
      const ring = Math.sin(Math.hypot(x - 2600, y - 1200) / 90) * 40;
      pixels[i] = Math.min(255, (x / WIDTH) * 200 + ring + noise());
      pixels[i + 1] = Math.min(255, (y / HEIGHT) * 180 + ring / 2 + noise());
      pixels[i + 2] = Math.min(255, 120 + Math.sin(x / 300) * 60 + noise());
    }
  }
  return sharp(pixels, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } })
    .webp({ quality: 80 })
    .toBuffer();
}

/** The real ImageMagick (this machine's `convert` on the PATH may be a stand-in that only writes PPM). */
function findImageMagick(): { bin: string; version: string } | undefined {
  for (const bin of ['/usr/bin/convert', 'convert']) {
    try {
      const version = execFileSync(bin, ['-version'], { encoding: 'utf8' }).split('\n')[0] ?? '';
      if (/ImageMagick/.test(version)) return { bin, version: version.replace(/^Version:\s*/, '').trim() };
    } catch {
      // not there: try the next one
    }
  }
  return undefined;
}

function stats(times: number[]): { median: number; min: number; max: number } {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)] ?? 0, min: sorted[0] ?? 0, max: sorted.at(-1) ?? 0 };
}

async function timeRuns(run: () => Promise<number> | number): Promise<{ times: number[]; bytes: number }> {
  let bytes = await run(); // warm-up, not timed
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    bytes = await run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { times, bytes };
}

function writeSection(section: string): void {
  const page = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Benchmarks\n';
  const block = `${START}\n${section}\n${END}`;
  const next = page.includes(START)
    ? page.replace(new RegExp(`${START}[\\s\\S]*?${END}`), block)
    : `${page.trimEnd()}\n\n## Image conversion\n\n${block}\n`;
  writeFileSync(DOC, next);
}

async function main(): Promise<void> {
  // Other processes skew wall-clock figures: the page says how busy the machine was.
  const load = os.loadavg()[0] ?? 0;
  const work = mkdtempSync(path.join(os.tmpdir(), 'herald-bench-convert-'));
  try {
    log(`making a ${WIDTH}×${HEIGHT} WebP`);
    const webp = await photoLikeWebp();
    const input = path.join(work, 'photo.webp');
    writeFileSync(input, webp);
    log(`timing Herald's pipeline (${RUNS} runs after a warm-up)`);
    const herald = await timeRuns(
      async () => (await convertToJpeg(readFileSync(input), 'image/webp')).bytes.length,
    );
    const magick = findImageMagick();
    let im: { times: number[]; bytes: number } | undefined;
    if (magick) {
      log(`timing ${magick.bin} (${RUNS} runs after a warm-up)`);
      const output = path.join(work, 'out.jpg');
      im = await timeRuns(() => {
        // The same recipe: orientation applied, metadata dropped, alpha on white, same quality.
        execFileSync(magick.bin, [
          input,
          '-auto-orient',
          '-strip',
          '-background',
          'white',
          '-flatten',
          '-quality',
          String(JPEG_QUALITY),
          output,
        ]);
        return statSync(output).size;
      });
    } else {
      log('ImageMagick is not installed (apt-get install -y imagemagick): only Herald is measured');
    }
    const h = stats(herald.times);
    const rows = [
      `| Herald (\`convertToJpeg\`, sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}), in process | ${h.median.toFixed(0)} | ${h.min.toFixed(0)} | ${h.max.toFixed(0)} | ${herald.bytes} | 1.00× |`,
    ];
    if (im && magick) {
      const m = stats(im.times);
      rows.push(
        `| ImageMagick \`convert\` (${magick.version.split(' https')[0]}), one process per file | ${m.median.toFixed(0)} | ${m.min.toFixed(0)} | ${m.max.toFixed(0)} | ${im.bytes} | ${(m.median / h.median).toFixed(2)}× |`,
      );
    }
    const cpus = os.cpus();
    const section = [
      `WebP ${WIDTH}×${HEIGHT} (${(webp.length / 1e6).toFixed(2)} MB, photo-like, made by the bench) → JPEG quality ${JPEG_QUALITY}, orientation applied, metadata dropped; ${RUNS} timed runs after one warm-up, wall-clock.`,
      `Machine: ${cpus[0]?.model.trim() ?? 'unknown'}, ${cpus.length} logical cores; Node.js ${process.version}; sharp threads ${sharp.concurrency()}; 1-minute load average ${load.toFixed(2)} when the run started; run ${new Date().toISOString().slice(0, 10)}.`,
      '',
      '| Pipeline | median ms | min ms | max ms | JPEG bytes | time ÷ Herald |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      ...rows,
      '',
      im
        ? 'ImageMagick is timed as a process per file (how it is used from a shell), so its figure includes its start-up; Herald converts inside the running server.'
        : 'ImageMagick was not installed on the machine of this run: only Herald was measured.',
    ].join('\n');
    process.stdout.write(`${section}\n`);
    if (!process.argv.includes('--no-doc')) {
      writeSection(section);
      log(`wrote ${path.relative(ROOT, DOC)}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
