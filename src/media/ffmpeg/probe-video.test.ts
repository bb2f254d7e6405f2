import { describe, expect, it } from 'vitest';
import { parseProbe, rate } from './probe-video.ts';

describe('parseProbe: ffprobe’s JSON as Herald reads it', () => {
  it.each([
    ['30/1', 30],
    ['30000/1001', 29.97002997002997],
    ['0/0', null],
    [undefined, null],
    ['25', 25],
  ])('rate(%s) = %s', (text, value) => {
    expect(rate(text)).toBe(value);
  });

  it.each([
    ['a display matrix of -90° (ffmpeg ≥ 5)', { side_data_list: [{ rotation: -90 }] }, 270, [360, 640]],
    ['the old rotate tag', { tags: { rotate: '90' } }, 90, [360, 640]],
    ['180°', { side_data_list: [{ rotation: 180 }] }, 180, [640, 360]],
    ['none', {}, 0, [640, 360]],
  ])('rotation from %s', (_name, extra, rotation, [width, height]) => {
    const probe = parseProbe(
      {
        streams: [
          {
            codec_type: 'video',
            codec_name: 'h264',
            width: 640,
            height: 360,
            avg_frame_rate: '5/1',
            ...extra,
          },
        ],
        format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '4.000000', bit_rate: '7000' },
      },
      3500,
      false,
    );
    expect(probe.video).toMatchObject({
      rotation,
      width,
      height,
      codedWidth: 640,
      codedHeight: 360,
      frameRate: 5,
    });
    expect(probe).toMatchObject({
      durationSeconds: 4,
      bitRate: 7000,
      bytes: 3500,
      moovFirst: false,
      audio: null,
    });
  });

  it('skips cover art, reads the audio track', () => {
    const probe = parseProbe(
      {
        streams: [
          {
            codec_type: 'video',
            codec_name: 'mjpeg',
            width: 300,
            height: 300,
            disposition: { attached_pic: 1 },
          },
          { codec_type: 'audio', codec_name: 'aac', sample_rate: '48000', channels: 2, bit_rate: '128000' },
        ],
        format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2' },
      },
      10,
      true,
    );
    expect(probe.video).toBeNull();
    expect(probe.audio).toEqual({ codec: 'aac', sampleRate: 48000, channels: 2, bitRate: 128000 });
  });
});
