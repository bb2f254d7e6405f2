import type { ErrorSpec } from '../errors/build.ts';
import type { Platform } from '../platforms.ts';
import type { VideoProbe } from './ffmpeg/probe-video.ts';
import { fitsRatio, type Place, placeOf } from './places.ts';
import type { MediaType } from './sniff.ts';
import { checkVideo, VIDEO_RULES } from './video-rules.ts';

/**
 * What a fully probed video breaks on a network, and whether ffmpeg can fix it.
 * The encoding rules are each network's documented ones (platform-apis.md): Instagram
 * reels MOV/MP4 with `moov` first, H.264/HEVC, AAC ≤ 48 kHz, ≤ 60 fps, ≤ 1920 px wide,
 * ≤ 25 Mbps; Threads H.264/HEVC, ≤ 60 fps, ≤ 1920 px, ≤ 100 Mbps; X H.264 and AAC,
 * ≤ 60 fps (its media best practices); TikTok H.264/H.265/VP8/VP9, ≤ 60 fps.
 * Minimum frame rates (23 fps) are documented too but left to the network: raising a
 * frame rate only repeats frames, which no user asked for.
 */

export interface EncodingSpec {
  /** ffprobe codec names the network takes. */
  videoCodecs?: readonly string[];
  audioCodecs?: readonly string[];
  maxAudioSampleRate?: number;
  maxFps?: number;
  maxWidth?: number;
  /** Bits per second of the whole file. */
  maxBitRate?: number;
  /** `moov` before the media data (MP4 fast start). */
  moovFirst?: boolean;
}

export const VIDEO_ENCODING: Readonly<Partial<Record<Platform, EncodingSpec>>> = {
  instagram: {
    videoCodecs: ['h264', 'hevc'],
    audioCodecs: ['aac'],
    maxAudioSampleRate: 48_000,
    maxFps: 60,
    maxWidth: 1920,
    maxBitRate: 25_000_000,
    moovFirst: true,
  },
  threads: { videoCodecs: ['h264', 'hevc'], maxFps: 60, maxWidth: 1920, maxBitRate: 100_000_000 },
  twitter: { videoCodecs: ['h264'], audioCodecs: ['aac'], maxFps: 60 },
  tiktok: { videoCodecs: ['h264', 'hevc', 'vp8', 'vp9'], maxFps: 60 },
};

/** What ffmpeg does about one finding. */
export type FixStep =
  | { kind: 'faststart' }
  | { kind: 'container' }
  | { kind: 'video-codec'; from: string }
  | { kind: 'audio'; from: string; sampleRate: number | null }
  | { kind: 'ratio'; place: Place }
  | { kind: 'fps'; max: number; from: number }
  | { kind: 'width'; max: number; from: number }
  | { kind: 'bitrate'; max: number; from: number };

export interface Finding {
  /** The refusal when the user did not allow a fix (136 naming the rule; 138 for Instagram's 9:16). */
  error: ErrorSpec;
  /** Undefined: ffmpeg cannot fix it (too long, too large). */
  fix?: FixStep;
}

const CODEC_LABELS: Record<string, string> = {
  h264: 'H.264',
  hevc: 'HEVC (H.265)',
  vp8: 'VP8',
  vp9: 'VP9',
  av1: 'AV1',
  aac: 'AAC',
  mp3: 'MP3',
  opus: 'Opus',
  vorbis: 'Vorbis',
};
export const codecLabel = (codec: string): string => CODEC_LABELS[codec] ?? codec;

export const hasEncodingRules = (platform: Platform): boolean => VIDEO_ENCODING[platform] !== undefined;

const MP4_FAMILY: ReadonlySet<MediaType> = new Set(['video/mp4', 'video/quicktime']);

/**
 * Every rule the probed video breaks on this network, in the order they are reported
 * (the first is the refusal without a fix). `type` is the type sniffed from the bytes.
 */
export function videoFindings(
  platform: Platform,
  platformName: string,
  type: MediaType,
  probe: VideoProbe,
  options: Readonly<Record<string, unknown>>,
): Finding[] {
  const findings: Finding[] = [];
  const refuse = (reason: string): ErrorSpec => ({ code: 136, platform, params: { platformName, reason } });
  const video = probe.video;
  const rules = VIDEO_RULES[platform];
  const place = placeOf(platform, 'video', options);
  // The type, size, duration and ratio rules (video-rules.ts), each checked alone so all are found.
  if (rules?.accepts && !rules.accepts.includes(type)) {
    const error = checkVideo(platform, platformName, blank(type), options);
    if (error) findings.push({ error, fix: { kind: 'container' } });
  }
  const asMp4 = MP4_FAMILY.has(type) ? type : 'video/mp4';
  const sizeOrTime = checkVideo(
    platform,
    platformName,
    { ...blank(asMp4), bytes: probe.bytes, durationSeconds: probe.durationSeconds },
    options,
  );
  if (sizeOrTime) findings.push({ error: sizeOrTime });
  if (video) {
    const ratioError = checkVideo(
      platform,
      platformName,
      { ...blank(asMp4), width: video.width, height: video.height },
      options,
    );
    if (ratioError) findings.push({ error: ratioError, fix: { kind: 'ratio', place } });
  }
  const spec = VIDEO_ENCODING[platform];
  if (!spec) return findings;
  if (video && spec.videoCodecs && !spec.videoCodecs.includes(video.codec))
    findings.push({
      error: refuse(
        `${codecLabel(video.codec)} video is not accepted (${spec.videoCodecs.map(codecLabel).join(', ')})`,
      ),
      fix: { kind: 'video-codec', from: video.codec },
    });
  const audio = probe.audio;
  if (audio && spec.audioCodecs && !spec.audioCodecs.includes(audio.codec))
    findings.push({
      error: refuse(
        `${codecLabel(audio.codec)} audio is not accepted (${spec.audioCodecs.map(codecLabel).join(', ')})`,
      ),
      fix: { kind: 'audio', from: audio.codec, sampleRate: audio.sampleRate },
    });
  else if (audio?.sampleRate && spec.maxAudioSampleRate && audio.sampleRate > spec.maxAudioSampleRate)
    findings.push({
      error: refuse(
        `audio may be sampled at most at ${spec.maxAudioSampleRate} Hz (this one: ${audio.sampleRate})`,
      ),
      fix: { kind: 'audio', from: audio.codec, sampleRate: audio.sampleRate },
    });
  if (video?.frameRate && spec.maxFps && video.frameRate > spec.maxFps + 0.01)
    findings.push({
      error: refuse(
        `a video may have at most ${spec.maxFps} frames per second (this one: ${round(video.frameRate)})`,
      ),
      fix: { kind: 'fps', max: spec.maxFps, from: video.frameRate },
    });
  if (video && spec.maxWidth && video.width > spec.maxWidth)
    findings.push({
      error: refuse(`a video may be at most ${spec.maxWidth} pixels wide (this one: ${video.width})`),
      fix: { kind: 'width', max: spec.maxWidth, from: video.width },
    });
  if (probe.bitRate && spec.maxBitRate && probe.bitRate > spec.maxBitRate)
    findings.push({
      error: refuse(
        `a video may have at most ${spec.maxBitRate / 1e6} Mbps (this one: ${round(probe.bitRate / 1e6)} Mbps)`,
      ),
      fix: { kind: 'bitrate', max: spec.maxBitRate, from: probe.bitRate },
    });
  if (spec.moovFirst && probe.moovFirst === false)
    findings.push({
      error: refuse('the moov box must come before the media data (MP4 fast start)'),
      fix: { kind: 'faststart' },
    });
  return findings;
}

function blank(type: MediaType) {
  return { type, width: null, height: null, durationSeconds: null, bytes: null };
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Whether a ratio fits the place (for the fixer's own check of its output). */
export function ratioFits(platform: Platform, place: Place, width: number, height: number): boolean {
  const ratio = VIDEO_RULES[platform]?.limits[place]?.ratio;
  return !ratio || fitsRatio(width, height, ratio);
}
