import type { Config } from '../config/config.ts';
import { locateBinary } from '../media/ffmpeg/binaries.ts';
import { runBinary } from '../media/ffmpeg/run.ts';

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

const SOURCE = {
  config: (name: string) => `from HERALD_${name.toUpperCase()}_PATH`,
  system: () => 'the system’s',
  npm: (name: string) => `shipped in @${name}-installer/linux-x64`,
} as const;

/**
 * Which ffmpeg and ffprobe Herald runs, their versions, and whether ffmpeg can encode
 * H.264 (libx264). None found is not a failure unless HERALD_MEDIA_AUTOFIX asks for
 * fixes: videos are then checked from their moov box only, and never fixed.
 */
export async function videoToolChecks(config: Config): Promise<Check[]> {
  const checks: Check[] = [];
  const limits = { timeoutMs: 10_000, memoryBytes: 0 };
  for (const name of ['ffmpeg', 'ffprobe'] as const) {
    const override = name === 'ffmpeg' ? config.mediaLibrary.ffmpegPath : config.mediaLibrary.ffprobePath;
    const found = locateBinary(name, override, config.mediaLibrary.searchPath);
    if (!found) {
      checks.push({
        name,
        ok: !config.mediaLibrary.autoFix,
        detail: `not found (install Debian's ffmpeg, or npm install): videos are checked from their moov box only${
          name === 'ffmpeg' ? ' and never fixed' : ''
        }`,
      });
      continue;
    }
    const source = SOURCE[found.source](name);
    const version = await runBinary(found.path, ['-hide_banner', '-version'], limits).catch((err: Error) => ({
      code: 1,
      stdout: Buffer.from(''),
      stderr: err.message,
    }));
    if (version.code !== 0) {
      checks.push({
        name,
        ok: false,
        detail: `${found.path} (${source}) does not run: ${version.stderr.trim()}`,
      });
      continue;
    }
    const first = version.stdout.toString('utf8').split('\n')[0] ?? '';
    let detail = `${found.path} (${source}): ${first.trim()}`;
    let ok = true;
    if (name === 'ffmpeg') {
      const encoders = await runBinary(found.path, ['-hide_banner', '-encoders'], limits);
      ok = encoders.stdout.toString('utf8').includes('libx264');
      if (!ok) detail += '; no libx264 encoder: videos cannot be re-encoded to H.264';
    }
    checks.push({ name, ok, detail });
  }
  return checks;
}
