import { describe, expect, it } from 'vitest';
import type { VideoProbe } from './ffmpeg/probe-video.ts';
import type { MediaType } from './sniff.ts';
import { videoFindings } from './video-fit.ts';

const MB = 1024 * 1024;

/** A 9:16, 10 s H.264/AAC MP4 with moov first: what every network takes. */
type Video = NonNullable<VideoProbe['video']>;
function probe(overrides: Omit<Partial<VideoProbe>, 'video'> & { video?: Partial<Video> } = {}): VideoProbe {
  const { video, ...rest } = overrides;
  return {
    container: 'mov,mp4,m4a,3gp,3g2,mj2',
    containerName: 'QuickTime / MOV',
    bytes: 10 * MB,
    durationSeconds: 10,
    bitRate: 8_000_000,
    audio: { codec: 'aac', sampleRate: 44_100, channels: 2, bitRate: 128_000 },
    moovFirst: true,
    ...rest,
    video: {
      codec: 'h264',
      profile: 'High',
      pixelFormat: 'yuv420p',
      width: 1080,
      height: 1920,
      codedWidth: 1080,
      codedHeight: 1920,
      rotation: 0,
      frameRate: 30,
      bitRate: 7_800_000,
      ...video,
    },
  };
}

type Row = [
  string,
  Parameters<typeof videoFindings>[0],
  MediaType,
  VideoProbe,
  Record<string, unknown>,
  (string | number)[],
];

/** [case, network, type, probe, options, what is found: each finding's code and fix kind ('-' = none)] */
const CASES: Row[] = [
  ['a good reel', 'instagram', 'video/mp4', probe(), {}, []],
  [
    'landscape reel',
    'instagram',
    'video/mp4',
    probe({ video: { width: 1920, height: 1080 } }),
    {},
    [138, 'ratio'],
  ],
  [
    'a story 16:9',
    'instagram',
    'video/mp4',
    probe({ video: { width: 1280, height: 720 } }),
    { stories: true },
    [138, 'ratio'],
  ],
  ['moov last', 'instagram', 'video/mp4', probe({ moovFirst: false }), {}, [136, 'faststart']],
  ['HEVC on Instagram', 'instagram', 'video/mp4', probe({ video: { codec: 'hevc' } }), {}, []],
  [
    'VP9 in WebM on Instagram',
    'instagram',
    'video/webm',
    probe({ video: { codec: 'vp9' }, moovFirst: null }),
    {},
    [136, 'container', 136, 'video-codec'],
  ],
  [
    'Opus audio on Instagram',
    'instagram',
    'video/mp4',
    probe({ audio: { codec: 'opus', sampleRate: 48_000, channels: 2, bitRate: null } }),
    {},
    [136, 'audio'],
  ],
  [
    '96 kHz AAC on Instagram',
    'instagram',
    'video/mp4',
    probe({ audio: { codec: 'aac', sampleRate: 96_000, channels: 2, bitRate: null } }),
    {},
    [136, 'audio'],
  ],
  ['120 fps on Instagram', 'instagram', 'video/mp4', probe({ video: { frameRate: 120 } }), {}, [136, 'fps']],
  ['59.94 fps on Instagram', 'instagram', 'video/mp4', probe({ video: { frameRate: 59.94 } }), {}, []],
  [
    '2160 px wide 9:16 on Instagram',
    'instagram',
    'video/mp4',
    probe({ video: { width: 2160, height: 3840 } }),
    {},
    [136, 'width'],
  ],
  ['40 Mbps on Instagram', 'instagram', 'video/mp4', probe({ bitRate: 40_000_000 }), {}, [136, 'bitrate']],
  ['a 2 s reel', 'instagram', 'video/mp4', probe({ durationSeconds: 2 }), {}, [136, '-']],
  ['a 400 MB reel', 'instagram', 'video/mp4', probe({ bytes: 400 * MB }), {}, [136, '-']],
  ['HEVC on X', 'twitter', 'video/mp4', probe({ video: { codec: 'hevc' } }), {}, [136, 'video-codec']],
  ['landscape on X', 'twitter', 'video/mp4', probe({ video: { width: 1920, height: 1080 } }), {}, []],
  ['moov last on X', 'twitter', 'video/mp4', probe({ moovFirst: false }), {}, []],
  ['HEVC on Threads', 'threads', 'video/mp4', probe({ video: { codec: 'hevc' } }), {}, []],
  ['50 Mbps on Threads', 'threads', 'video/mp4', probe({ bitRate: 50_000_000 }), {}, []],
  ['VP9 on TikTok', 'tiktok', 'video/webm', probe({ video: { codec: 'vp9' } }), {}, []],
  ['AV1 on TikTok', 'tiktok', 'video/mp4', probe({ video: { codec: 'av1' } }), {}, [136, 'video-codec']],
  [
    'anything on YouTube',
    'youtube',
    'video/webm',
    probe({ video: { codec: 'av1', frameRate: 120 } }),
    {},
    [],
  ],
];

describe('videoFindings: each network’s documented rules, and what ffmpeg can fix', () => {
  it.each(CASES)('%s', (_name, platform, type, video, options, expected) => {
    const found = videoFindings(platform, 'Net', type, video, options).flatMap((f) => [
      f.error.code,
      f.fix?.kind ?? '-',
    ]);
    expect(found).toEqual(expected);
  });

  it('names the rule in 136’s reason', () => {
    const [finding] = videoFindings('twitter', 'X', 'video/mp4', probe({ video: { codec: 'hevc' } }), {});
    expect(finding?.error).toEqual({
      code: 136,
      platform: 'twitter',
      params: { platformName: 'X', reason: 'HEVC (H.265) video is not accepted (H.264)' },
    });
  });
});
