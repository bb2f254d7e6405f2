import type { VideoProbe } from './ffmpeg/probe-video.ts';
import { codecLabel, type FixStep } from './video-fit.ts';

/**
 * How ffmpeg fixes a video, from the fix steps its findings need: a remux when only the
 * container or the `moov` position is wrong (packets copied, never re-encoded), else a
 * re-encode to H.264 (libx264) with only what the network needs changed. The output
 * is always MP4 with `moov` first. Pure: tested beside it, run by fix-video.ts.
 */

export type Fill = 'blur' | 'black';

export interface FixPlan {
  /** True when packets are copied (no re-encode). */
  remux: boolean;
  videoArgs: string[];
  audioArgs: string[];
  /** `-vf` chain or `-filter_complex` graph (with an output label `[v]`). */
  filter?: { kind: 'vf' | 'complex'; graph: string };
  /** What changed, in words, for the post's answer. */
  changes: string[];
  /** Identifies the recipe in the fixed file's name: the same source and recipe reuse the file. */
  key: string;
  /** Displayed size of the output. */
  width: number;
  height: number;
}

const even = (n: number) => Math.max(2, Math.floor(n / 2) * 2);

/** A 9:16 canvas no wider than the video (nor 1080 px): width a multiple of 18, so height is exactly 16/9 of it. */
export function nineBySixteen(width: number): { width: number; height: number } {
  const w = Math.max(18, Math.floor(Math.min(width, 1080) / 18) * 18);
  return { width: w, height: (w / 9) * 16 };
}

export function planFix(steps: readonly FixStep[], probe: VideoProbe, fill: Fill): FixPlan {
  const video = probe.video;
  const changes: string[] = [];
  const reencode = steps.some((s) => s.kind !== 'faststart' && s.kind !== 'container' && s.kind !== 'audio');
  const audioStep = steps.find((s): s is Extract<FixStep, { kind: 'audio' }> => s.kind === 'audio');
  const containerStep = steps.some((s) => s.kind === 'container');
  const copyable = video && ['h264', 'hevc'].includes(video.codec);
  const reencodeVideo = reencode || (containerStep && !copyable);
  let width = video?.width ?? 0;
  let height = video?.height ?? 0;
  const filters: string[] = [];
  let complex: string | undefined;
  const fps = steps.find((s): s is Extract<FixStep, { kind: 'fps' }> => s.kind === 'fps');
  const widthStep = steps.find((s): s is Extract<FixStep, { kind: 'width' }> => s.kind === 'width');
  const bitrate = steps.find((s): s is Extract<FixStep, { kind: 'bitrate' }> => s.kind === 'bitrate');
  const ratio = steps.some((s) => s.kind === 'ratio');

  if (widthStep && !ratio) {
    const scaledHeight = even((height * widthStep.max) / width);
    filters.push(`scale=${even(widthStep.max)}:${scaledHeight}`);
    changes.push(`scaled ${width}×${height} to ${even(widthStep.max)}×${scaledHeight}`);
    width = even(widthStep.max);
    height = scaledHeight;
  }
  if (ratio && video) {
    const canvas = nineBySixteen(widthStep ? Math.min(width, widthStep.max) : width);
    const fit = `scale='trunc(min(${canvas.width}/iw\\,${canvas.height}/ih)*iw/2)*2':'trunc(min(${canvas.width}/iw\\,${canvas.height}/ih)*ih/2)*2'`;
    if (fill === 'blur') {
      complex =
        `[0:v]scale=${canvas.width}:${canvas.height}:force_original_aspect_ratio=increase,crop=${canvas.width}:${canvas.height},boxblur=20:2[bg];` +
        `[0:v]${fit}[fg];[bg][fg]overlay=(W-w)/2:(H-h)/2`;
    } else {
      filters.push(fit, `pad=${canvas.width}:${canvas.height}:(ow-iw)/2:(oh-ih)/2:color=black`);
    }
    changes.push(
      `${fill === 'blur' ? 'blur-filled' : 'padded'} ${width}×${height} to ${canvas.width}×${canvas.height} (9:16)`,
    );
    width = canvas.width;
    height = canvas.height;
  }
  if (fps) {
    filters.push(`fps=${fps.max}`);
    changes.push(`capped the frame rate at ${fps.max} fps (was ${Math.round(fps.from * 100) / 100})`);
  }
  if (reencodeVideo) filters.push('setsar=1', 'format=yuv420p');
  const graph = complex
    ? `${complex}${filters.length ? `,${filters.join(',')}` : ''}[v]`
    : filters.length
      ? filters.join(',')
      : undefined;

  const videoArgs = reencodeVideo
    ? [
        '-c:v',
        'libx264',
        '-preset',
        'veryfast',
        '-crf',
        '23',
        '-profile:v',
        'high',
        ...(bitrate
          ? ['-maxrate', String(Math.floor(bitrate.max * 0.9)), '-bufsize', String(bitrate.max)]
          : []),
      ]
    : ['-c:v', 'copy'];
  if (reencodeVideo && video && video.codec !== 'h264')
    changes.push(`re-encoded ${codecLabel(video.codec)} video to H.264`);
  else if (reencodeVideo) changes.push('re-encoded the video (H.264)');
  if (bitrate)
    changes.push(
      `capped the bit rate at ${bitrate.max / 1e6} Mbps (was ${Math.round(bitrate.from / 1e4) / 100})`,
    );

  const audioArgs = !probe.audio
    ? ['-an']
    : audioStep
      ? ['-c:a', 'aac', '-b:a', '128k', '-ar', String(Math.min(audioStep.sampleRate ?? 48_000, 48_000))]
      : ['-c:a', 'copy'];
  if (audioStep) changes.push(`re-encoded ${codecLabel(audioStep.from)} audio to AAC`);
  if (containerStep) changes.push(`rewrote the ${probe.containerName} file as MP4`);
  if (!reencodeVideo) changes.push('moved the moov box to the front (remux, frames unchanged)');

  return {
    remux: !reencodeVideo,
    videoArgs,
    audioArgs,
    ...(graph ? { filter: { kind: complex ? 'complex' : 'vf', graph } } : {}),
    changes,
    key: [...steps.map((s) => s.kind)].sort().join('+') + (ratio ? `:${fill}` : ''),
    width,
    height,
  };
}

/** The whole ffmpeg command line for a plan (input and output are local files). */
export function fixArgs(plan: FixPlan, input: string, output: string): string[] {
  const filter = plan.filter
    ? plan.filter.kind === 'complex'
      ? ['-filter_complex', plan.filter.graph, '-map', '[v]', '-map', '0:a?']
      : ['-vf', plan.filter.graph, '-map', '0:v:0', '-map', '0:a?']
    : ['-map', '0:v:0', '-map', '0:a?'];
  return [
    '-hide_banner',
    '-nostdin',
    '-v',
    'error',
    '-protocol_whitelist',
    'file',
    '-i',
    input,
    ...filter,
    ...plan.videoArgs,
    ...plan.audioArgs,
    // One encoder thread per run; EncodeQueue runs one run per CPU (run.ts).
    '-threads',
    '1',
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    '-y',
    output,
  ];
}
