import { describe, expect, it } from 'vitest';
import type { VideoProbe } from './ffmpeg/probe-video.ts';
import { fixArgs, nineBySixteen, planFix } from './video-fix-plan.ts';

const landscape: VideoProbe = {
  container: 'mov,mp4,m4a,3gp,3g2,mj2',
  containerName: 'QuickTime / MOV',
  bytes: 1000,
  durationSeconds: 4,
  bitRate: 1_000_000,
  audio: null,
  moovFirst: false,
  video: {
    codec: 'hevc',
    profile: null,
    pixelFormat: 'yuv420p',
    width: 1920,
    height: 1080,
    codedWidth: 1920,
    codedHeight: 1080,
    rotation: 0,
    frameRate: 120,
    bitRate: null,
  },
};

describe('planFix', () => {
  it.each([
    [640, 630, 1120],
    [1920, 1080, 1920],
    [360, 360, 640],
    [17, 18, 32],
  ])('a 9:16 canvas for a %i px wide video: %i×%i', (width, w, h) => {
    expect(nineBySixteen(width)).toEqual({ width: w, height: h });
    expect((w * 16) / 9).toBe(h);
  });

  it('only the moov position: a remux, packets copied, audio copied', () => {
    const plan = planFix(
      [{ kind: 'faststart' }],
      {
        ...landscape,
        video: { ...landscape.video!, codec: 'h264' },
        audio: { codec: 'aac', sampleRate: 48000, channels: 2, bitRate: null },
      },
      'blur',
    );
    expect(plan).toMatchObject({ remux: true, videoArgs: ['-c:v', 'copy'], audioArgs: ['-c:a', 'copy'] });
    expect(plan.filter).toBeUndefined();
    expect(fixArgs(plan, 'in.mp4', 'out.mp4')).toEqual([
      '-hide_banner',
      '-nostdin',
      '-v',
      'error',
      '-protocol_whitelist',
      'file',
      '-i',
      'in.mp4',
      '-map',
      '0:v:0',
      '-map',
      '0:a?',
      '-c:v',
      'copy',
      '-c:a',
      'copy',
      '-threads',
      '1',
      '-movflags',
      '+faststart',
      '-f',
      'mp4',
      '-y',
      'out.mp4',
    ]);
  });

  it('codec, 9:16 with a blurred fill, frame rate and bit rate: one re-encode, every change said', () => {
    const plan = planFix(
      [
        { kind: 'ratio', place: 'reel' },
        { kind: 'video-codec', from: 'hevc' },
        { kind: 'fps', max: 60, from: 120 },
        { kind: 'bitrate', max: 25_000_000, from: 40_000_000 },
        { kind: 'faststart' },
      ],
      landscape,
      'blur',
    );
    expect(plan.remux).toBe(false);
    expect(plan.filter?.kind).toBe('complex');
    expect(plan.filter?.graph).toContain('boxblur');
    expect(plan.filter?.graph).toMatch(/fps=60,setsar=1,format=yuv420p\[v\]$/);
    expect(plan.videoArgs).toEqual(
      expect.arrayContaining(['libx264', '-maxrate', '22500000', '-bufsize', '25000000']),
    );
    expect(plan.audioArgs).toEqual(['-an']);
    expect(plan.changes).toEqual([
      'blur-filled 1920×1080 to 1080×1920 (9:16)',
      'capped the frame rate at 60 fps (was 120)',
      're-encoded HEVC (H.265) video to H.264',
      'capped the bit rate at 25 Mbps (was 40)',
    ]);
    expect([plan.width, plan.height]).toEqual([1080, 1920]);
  });

  it('black bars with pad; audio only re-encoded when it must be', () => {
    const plan = planFix(
      [
        { kind: 'ratio', place: 'story' },
        { kind: 'audio', from: 'opus', sampleRate: 96000 },
      ],
      { ...landscape, audio: { codec: 'opus', sampleRate: 96000, channels: 2, bitRate: null } },
      'black',
    );
    expect(plan.filter).toMatchObject({ kind: 'vf' });
    expect(plan.filter?.graph).toContain('pad=1080:1920');
    expect(plan.audioArgs).toEqual(['-c:a', 'aac', '-b:a', '128k', '-ar', '48000']);
    expect(fixArgs(plan, 'a', 'b')).toEqual(expect.arrayContaining(['-vf', '-map', '0:v:0']));
  });
});
