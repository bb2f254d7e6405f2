import { Type } from 'typebox';
import { examplesOf, Instant, Nullable, Success } from './common.ts';

const MEDIA_ID = '6f0c2c4e-5b7a-4c1e-9d3f-2a8b1c0d9e7f';
const MEDIA_URL = 'https://herald.example.com/media/3fa2c1d09b8e4f7a91.jpg';

/** One file of a profile's media library (an upload's answer, an entry of GET /api/media). */
export const MediaItem = Type.Object(
  {
    id: Type.String(),
    url: Type.String({ description: 'Where Herald serves it (HERALD_PUBLIC_URL/media/<file>).' }),
    fileName: Type.String(),
    description: Type.String(),
    contentType: Nullable(
      Type.String({ description: 'Read from the bytes; null until an S3 presigned upload is seen.' }),
    ),
    size: Nullable(Type.Integer({ description: 'Bytes; null until an S3 presigned upload is seen.' })),
    timeCreated: Instant(),
    expiresAt: Type.Optional(Instant('When it is removed unless a post uses it (HERALD_MEDIA_RETENTION).')),
  },
  {
    examples: [
      {
        id: MEDIA_ID,
        url: MEDIA_URL,
        fileName: 'test.png',
        description: 'best image',
        contentType: 'image/jpeg',
        size: 223340,
        timeCreated: '2026-12-04T22:30:00.000Z',
        expiresAt: '2026-12-11T22:30:00.000Z',
      },
    ],
  },
);

/** GET /api/media: Ayrshare's bare array, newest first (X-Next-Cursor and Link when there is more). */
export const MediaList = Type.Array(MediaItem, {
  examples: [examplesOf(MediaItem)],
});

/** DELETE /api/media/:id. */
export const MediaDeleted = Type.Object(
  { status: Success, id: Type.String(), deleted: Type.Literal(true) },
  { examples: [{ status: 'success', id: MEDIA_ID, deleted: true }] },
);

/** GET /api/media/uploadUrl. */
export const UploadUrlAnswer = Type.Object(
  {
    uploadUrl: Type.String({
      description: 'PUT the file here, with Content-Type: contentType, within 30 minutes.',
    }),
    accessUrl: Type.String({ description: 'Where the file is served once it arrived.' }),
    contentType: Type.String(),
  },
  {
    examples: [
      {
        uploadUrl: 'https://herald.example.com/media/upload/Zk9yYmlkZGVuX3Rva2VuX2V4YW1wbGVfMzJi',
        accessUrl: 'https://herald.example.com/media/7c1d2e3f4a5b6c7d.mp4',
        contentType: 'video/mp4',
      },
    ],
  },
);

/** PUT /media/upload/:token (and the last tus PATCH answers as an upload). */
export const SignedPutAnswer = Type.Object(
  { status: Success, id: Type.String(), url: Type.String() },
  {
    examples: [
      { status: 'success', id: MEDIA_ID, url: 'https://herald.example.com/media/7c1d2e3f4a5b6c7d.mp4' },
    ],
  },
);

/** GET /api/media/meta: Ayrshare's fields, then Herald's (videos: ffprobe's findings). */
export const MediaMeta = Type.Object(
  {
    type: Type.Union([Type.Literal('image'), Type.Literal('video')]),
    contentType: Type.String(),
    format: Type.String(),
    codec: Nullable(Type.String()),
    size: Type.Integer(),
    width: Nullable(Type.Integer({ description: 'As displayed (EXIF orientation, rotation applied).' })),
    height: Nullable(Type.Integer()),
    duration: Nullable(Type.Number({ description: 'Seconds; null for images.' })),
    filename: Type.String({ description: 'The URL asked about.' }),
    codecs: Type.Optional(Type.Object({ video: Nullable(Type.String()), audio: Nullable(Type.String()) })),
    frameRate: Type.Optional(Nullable(Type.Number())),
    bitRate: Type.Optional(Nullable(Type.Number())),
    rotation: Type.Optional(Type.Number()),
    audio: Type.Optional(
      Nullable(
        Type.Object({
          codec: Type.String(),
          sampleRate: Nullable(Type.Number()),
          channels: Nullable(Type.Number()),
          bitRate: Nullable(Type.Number()),
        }),
      ),
    ),
    moovFirst: Type.Optional(Nullable(Type.Boolean({ description: 'MP4/MOV: the index before the data.' }))),
    container: Type.Optional(Type.String()),
  },
  {
    examples: [
      {
        type: 'video',
        contentType: 'video/mp4',
        codec: 'h264',
        duration: 4,
        filename: 'https://cdn.example.com/clip.mp4',
        format: 'QuickTime / MOV',
        height: 640,
        size: 3511,
        width: 360,
        codecs: { video: 'H.264', audio: 'AAC' },
        frameRate: 5,
        bitRate: 7022,
        rotation: 0,
        audio: { codec: 'aac', sampleRate: 44100, channels: 2, bitRate: 69000 },
        moovFirst: true,
        container: 'mov,mp4,m4a,3gp,3g2,mj2',
      },
    ],
  },
);

/** POST /api/media/resize. */
export const ResizeAnswer = Type.Object(
  {
    status: Success,
    url: Type.String(),
    platform: Nullable(Type.String()),
    id: Type.String(),
    width: Type.Integer(),
    height: Type.Integer(),
  },
  {
    examples: [
      { status: 'success', url: MEDIA_URL, platform: 'instagram', id: MEDIA_ID, width: 1080, height: 1350 },
    ],
  },
);

/** The raw bytes a signed PUT or a tus PATCH carries: documented, read as a stream (never parsed). */
export const RawBytes = Type.String({ format: 'binary', description: 'The file’s bytes.' });
