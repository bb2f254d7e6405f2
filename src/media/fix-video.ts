import { randomBytes } from 'node:crypto';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { DECLARATIONS } from '../connectors/declarations.ts';
import type { MediaItem } from '../connectors/types.ts';
import type { ErrorSpec } from '../errors/build.ts';
import type { Platform } from '../platforms.ts';
import type { AutoFix } from './auto-fix.ts';
import { type ProbeFailure, probeVideoFile, type VideoProbe } from './ffmpeg/probe-video.ts';
import { runBinary } from './ffmpeg/run.ts';
import { type LocalCopy, localCopy } from './library/local-copy.ts';
import { sparseCopy } from './library/sparse-copy.ts';
import { fixedName } from './media-names.ts';
import { type MediaService, ownMediaName } from './media-service.ts';
import { MediaStepFailure } from './stored-jpeg.ts';
import { hasEncodingRules, videoFindings } from './video-fit.ts';
import { fixArgs, planFix } from './video-fix-plan.ts';

/**
 * The video step before the checks: the video is probed fully (ffprobe on a local copy)
 * and held against the network's rules (video-fit.ts). Nothing broken: it goes as it is.
 * Something broken and the post allows fixes: ffmpeg fixes it (a remux where packets can
 * be copied, else a re-encode), the fixed file is stored and served at
 * <HERALD_PUBLIC_URL>/media/<name>, and the network gets that URL; warning 694 says what
 * changed. Otherwise the first broken rule refuses the target (136, or 138 for 9:16).
 *
 * The same source fixed the same way is stored once (the name is an HMAC of the source
 * and the recipe): a retry, or a second network with the same rules, reuses the file.
 */

export interface FittedVideo {
  item: MediaItem;
  warning?: ErrorSpec;
}

const fixFailed = (platform: Platform, reason: string, details?: string): MediaStepFailure =>
  new MediaStepFailure({
    code: 695,
    platform,
    params: { platformName: DECLARATIONS[platform].name, reason },
    ...(details ? { details } : {}),
  });

export function needsFullProbe(service: MediaService, platform: Platform, item: MediaItem): boolean {
  return item.kind === 'video' && hasEncodingRules(platform) && service.video.ffprobe !== undefined;
}

export async function fitVideo(
  service: MediaService,
  platform: Platform,
  item: MediaItem,
  options: Readonly<Record<string, unknown>>,
  autoFix: AutoFix,
): Promise<FittedVideo> {
  const tools = service.video;
  const name = DECLARATIONS[platform].name;
  // Herald's own file is read in place; a remote one is probed from its first bytes and
  // its moov (a sparse copy), downloaded whole only when it is fixed.
  const own = ownMediaName(service.publicUrl, item.url);
  let copy: (LocalCopy & { complete?: boolean }) | undefined = own
    ? await localCopy(service, item.url)
    : await sparseCopy(service, item.url).catch(() => undefined);
  try {
    if (!copy && autoFix !== 'off') copy = await localCopy(service, item.url);
    // No ranges, no moov (WebM) and no fix allowed: the checks after this step see what they can.
    if (!copy?.type?.startsWith('video/')) return { item };
    const type = copy.type;
    const probe = await probeVideoFile(
      tools.ffprobe?.path as string,
      copy.file,
      copy.size,
      tools.probeLimits,
    ).catch((err: ProbeFailure) => {
      throw new MediaStepFailure({ code: 450, details: `${item.url}: ${err.message}` });
    });
    const findings = videoFindings(platform, name, type, probe, options);
    if (findings.length === 0) return { item };
    const unfixable = findings.find((f) => !f.fix);
    if (autoFix === 'off' || unfixable)
      throw new MediaStepFailure((unfixable ?? findings[0])?.error as ErrorSpec);
    if (!tools.ffmpeg || !service.secret)
      throw fixFailed(platform, 'ffmpeg is not installed', String(findings[0]?.error.params?.reason ?? ''));
    // A fix needs every byte: a sparse copy is swapped for the whole file.
    if (copy.identity === '') {
      await copy.release();
      copy = undefined;
      copy = await localCopy(service, item.url);
    }
    const steps = findings.flatMap((f) => (f.fix ? [f.fix] : []));
    const plan = planFix(steps, probe, autoFix);
    const stored = fixedName(service.secret, copy.identity, `${JSON.stringify(steps)}:${autoFix}`);
    const url = `${service.publicUrl}/media/${stored}`;
    const warning: ErrorSpec = {
      code: 694,
      platform,
      params: { platformName: name, changes: plan.changes.join('; ') },
      details: `${item.url} → ${url}`,
    };
    if (!(await service.store.stat(stored))) {
      const input = copy.file;
      await tools.queue.run(() => encode(service, platform, input, stored, plan, options));
    }
    return { item: { ...item, url }, warning };
  } finally {
    await copy?.release();
  }
}

async function encode(
  service: MediaService,
  platform: Platform,
  input: string,
  stored: string,
  plan: ReturnType<typeof planFix>,
  options: Readonly<Record<string, unknown>>,
): Promise<void> {
  const tools = service.video;
  await mkdir(service.tmpDir, { recursive: true });
  const output = path.join(service.tmpDir, `fix-${randomBytes(12).toString('hex')}.mp4`);
  try {
    const result = await runBinary(
      tools.ffmpeg?.path as string,
      fixArgs(plan, input, output),
      tools.encodeLimits,
    );
    if (result.code !== 0)
      throw fixFailed(
        platform,
        result.timedOut ? `ffmpeg ran out of time (${tools.encodeLimits.timeoutMs} ms)` : 'ffmpeg failed',
        result.stderr.trim().split('\n').slice(-5).join('\n'),
      );
    // The fix is checked like the original: what still breaks a rule is not sent.
    const { size } = await stat(output);
    const fixed: VideoProbe = await probeVideoFile(
      tools.ffprobe?.path as string,
      output,
      size,
      tools.probeLimits,
    );
    const left = videoFindings(platform, DECLARATIONS[platform].name, 'video/mp4', fixed, options);
    if (left.length > 0)
      throw fixFailed(
        platform,
        'the fixed video still breaks a rule',
        left.map((f) => f.error.params?.reason ?? f.error.code).join('; '),
      );
    try {
      await service.store.putFile(stored, output, 'video/mp4', { move: true });
    } catch (err) {
      throw new MediaStepFailure({
        code: 452,
        details: `the media store refused the fixed video: ${(err as Error).message}`,
      });
    }
  } finally {
    await rm(output, { force: true });
  }
}
