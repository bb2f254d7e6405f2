import { open } from 'node:fs/promises';
import { findMoov } from '../video-probe.ts';
import { type RunLimits, runBinary } from './run.ts';

/**
 * A video as ffprobe reads it from a local file: container, codecs, displayed size
 * (rotation applied), frame rate, bit rates, audio; and whether `moov` comes before
 * the media data, read from the box layout with the same walker the URL check uses.
 */

export interface VideoProbe {
  /** ffprobe's format_name (`mov,mp4,m4a,3gp,3g2,mj2`, `matroska,webm`) and long name. */
  container: string;
  containerName: string;
  bytes: number;
  durationSeconds: number | null;
  /** Whole-file bits per second. */
  bitRate: number | null;
  video: {
    codec: string;
    profile: string | null;
    pixelFormat: string | null;
    /** As displayed: coded size turned by the rotation. */
    width: number;
    height: number;
    codedWidth: number;
    codedHeight: number;
    rotation: number;
    frameRate: number | null;
    bitRate: number | null;
  } | null;
  audio: { codec: string; sampleRate: number | null; channels: number | null; bitRate: number | null } | null;
  /** MP4/MOV only: true when `moov` precedes `mdat` (fast start); null for other containers. */
  moovFirst: boolean | null;
}

interface FfprobeStream {
  codec_type?: string;
  codec_name?: string;
  profile?: string;
  pix_fmt?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  bit_rate?: string;
  sample_rate?: string;
  channels?: number;
  tags?: Record<string, string>;
  side_data_list?: { rotation?: number | string }[];
  disposition?: { attached_pic?: number };
}

interface FfprobeOutput {
  streams?: FfprobeStream[];
  format?: {
    format_name?: string;
    format_long_name?: string;
    duration?: string;
    bit_rate?: string;
    size?: string;
  };
}

const num = (text: string | undefined): number | null => {
  if (text === undefined) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
};

/** `30000/1001` → 29.97; `0/0` → null. */
export function rate(text: string | undefined): number | null {
  const [n, d] = (text ?? '').split('/').map(Number);
  if (n === undefined || !Number.isFinite(n) || n <= 0) return null;
  if (d === undefined || Number.isNaN(d)) return n;
  return d > 0 ? n / d : null;
}

/** Degrees, normalised to 0, 90, 180, 270: from the display matrix (ffmpeg ≥ 5) or the old `rotate` tag. */
function rotationOf(stream: FfprobeStream): number {
  const fromMatrix = stream.side_data_list?.find((s) => s.rotation !== undefined)?.rotation;
  const raw = fromMatrix ?? stream.tags?.rotate ?? 0;
  const degrees = Math.round(Number(raw) / 90) * 90;
  return Number.isFinite(degrees) ? ((degrees % 360) + 360) % 360 : 0;
}

/** Pure: ffprobe's JSON (and the file's size and moov position) as a VideoProbe. */
export function parseProbe(output: FfprobeOutput, bytes: number, moovFirst: boolean | null): VideoProbe {
  const streams = output.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const audio = streams.find((s) => s.codec_type === 'audio');
  const format = output.format ?? {};
  const rotation = video ? rotationOf(video) : 0;
  const quarter = rotation === 90 || rotation === 270;
  return {
    container: format.format_name ?? 'unknown',
    containerName: format.format_long_name ?? format.format_name ?? 'unknown',
    bytes,
    durationSeconds: num(format.duration),
    bitRate: num(format.bit_rate),
    video:
      video?.width && video.height
        ? {
            codec: video.codec_name ?? 'unknown',
            profile: video.profile ?? null,
            pixelFormat: video.pix_fmt ?? null,
            width: quarter ? video.height : video.width,
            height: quarter ? video.width : video.height,
            codedWidth: video.width,
            codedHeight: video.height,
            rotation,
            frameRate: rate(video.avg_frame_rate) ?? rate(video.r_frame_rate),
            bitRate: num(video.bit_rate),
          }
        : null,
    audio: audio
      ? {
          codec: audio.codec_name ?? 'unknown',
          sampleRate: num(audio.sample_rate),
          channels: audio.channels ?? null,
          bitRate: num(audio.bit_rate),
        }
      : null,
    moovFirst,
  };
}

/** Whether `moov` precedes `mdat` in a local MP4/MOV file (null when it has none: not ISO media). */
export async function moovFirstIn(file: string): Promise<boolean | null> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const read = async (start: number, end: number) => {
      const length = Math.min(end, size - 1) - start + 1;
      if (length <= 0) return undefined;
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, start);
      return buffer.subarray(0, bytesRead);
    };
    const prefix = (await read(0, 65_535)) ?? Buffer.alloc(0);
    const found = await findMoov(prefix, size, read);
    return found.found ? found.moovFirst : null;
  } finally {
    await handle.close();
  }
}

export class ProbeFailure extends Error {
  override name = 'ProbeFailure';
}

export async function probeVideoFile(
  ffprobe: string,
  file: string,
  bytes: number,
  limits: RunLimits,
): Promise<VideoProbe> {
  const result = await runBinary(
    ffprobe,
    [
      '-v',
      'error',
      '-protocol_whitelist',
      'file',
      '-print_format',
      'json',
      '-show_format',
      '-show_streams',
      file,
    ],
    limits,
  );
  if (result.code !== 0)
    throw new ProbeFailure(
      result.timedOut
        ? 'ffprobe ran out of time'
        : `ffprobe could not read it: ${result.stderr.trim().slice(-300)}`,
    );
  let output: FfprobeOutput;
  try {
    output = JSON.parse(result.stdout.toString('utf8')) as FfprobeOutput;
  } catch {
    throw new ProbeFailure('ffprobe answered no JSON');
  }
  const isoMedia = /mov|mp4/.test(output.format?.format_name ?? '');
  return parseProbe(output, bytes, isoMedia ? await moovFirstIn(file) : null);
}
