import { PLATFORMS } from '../../platforms.ts';
import type { CatalogEntry } from './types.ts';

const REQUEST_SHAPE = ['action', 'status', 'code', 'message', 'details'] as const;

function request(
  code: number,
  http: number,
  title: string,
  message: string,
  remedy: string,
  params?: CatalogEntry['variants']['default']['params'],
): CatalogEntry {
  return {
    code,
    http,
    title,
    scope: 'request',
    action: 'media',
    origin: 'herald',
    variants: { default: { message, shape: REQUEST_SHAPE, ...(params ? { params } : {}) } },
    remedy,
  };
}

/**
 * The media library (uploads, signed and resumable uploads, resize) and the video fixer:
 * Herald's 690–697; the tus protocol's refusals (POST /api/media/tus): 637–639, 641–644,
 * each with the HTTP status the tus 1.0 protocol gives it (tus clients act on the status).
 */
export const MEDIA_CODES: readonly CatalogEntry[] = [
  request(
    637,
    412,
    'Tus-Resumable header required',
    'A tus request needs the header Tus-Resumable: 1.0.0.',
    'Send Tus-Resumable: 1.0.0 with every request to /api/media/tus (a tus client does it for you).',
  ),
  request(
    638,
    400,
    'Not a valid tus request',
    'The tus request is not valid: {problem}.',
    'Fix what the message names and send the request again; a tus 1.0 client (tus-js-client, tusd’s clients) builds valid requests.',
    {
      problem: {
        sample: 'Upload-Length is required when an upload starts',
        meaning: 'what is wrong with the request',
      },
    },
  ),
  request(
    639,
    403,
    'tus PATCH header missing',
    'A tus PATCH needs the header {header}.',
    'Send each PATCH with Upload-Offset (from the last answer, or from HEAD) and Content-Type: application/offset+octet-stream.',
    {
      header: {
        sample: 'Content-Type: application/offset+octet-stream',
        meaning: 'the header the PATCH lacked',
      },
    },
  ),
  request(
    641,
    409,
    'Upload offset conflict',
    'Upload-Offset does not match the bytes Herald holds for this upload.',
    'Ask where the upload stands with HEAD (its Upload-Offset) and send the rest from there; a tus client does this itself.',
  ),
  request(
    642,
    410,
    'Upload no longer exists',
    'This upload no longer exists: it was finished, abandoned or removed.',
    'Start a new upload with POST /api/media/tus.',
  ),
  request(
    643,
    413,
    'More bytes than Upload-Length',
    'The upload sent more bytes than its Upload-Length declared.',
    'Declare the file’s exact size in Upload-Length when the upload starts, and send no more than that.',
  ),
  request(
    644,
    501,
    'tus extension not supported',
    'Herald’s tus server does not support the {extension} extension.',
    'Use tus 1.0 with the creation and termination extensions: one upload per file, its Upload-Length known when it starts.',
    { extension: { sample: 'concatenation', meaning: 'the tus extension the request asked for' } },
  ),
  request(
    690,
    400,
    'Upload is not an image or a video',
    'The uploaded file is not an image or a video Herald recognises.',
    'Upload a JPEG, PNG, GIF, WebP, AVIF, HEIC, BMP or TIFF image, or an MP4, MOV or WebM video. The type is read from the bytes, not from the name.',
  ),
  request(
    691,
    413,
    'Upload too large',
    'The file is larger than {limit} bytes, the most this upload takes.',
    'Send larger files with GET /api/media/uploadUrl (a signed PUT) or a resumable tus upload (POST /api/media/tus), up to HERALD_MEDIA_MAX_BYTES.',
    { limit: { sample: '104857600', meaning: 'the limit in bytes' } },
  ),
  request(
    692,
    403,
    'Upload URL not valid',
    'This upload URL is not valid: it expired, was already used, or was never issued.',
    'Ask GET /api/media/uploadUrl for a new one: each is valid once, for 30 minutes.',
  ),
  request(
    693,
    400,
    'Upload does not match its declared type',
    'The upload does not match the type it was announced with ({expected}).',
    'Send the Content-Type given by GET /api/media/uploadUrl, and a file of that type.',
    { expected: { sample: 'video/mp4', meaning: 'the contentType given when the upload URL was made' } },
  ),
  {
    code: 694,
    http: 200,
    title: 'Video fitted to the network',
    scope: 'warning',
    action: 'post',
    platforms: ['instagram', 'threads', 'twitter', 'tiktok'],
    origin: 'herald',
    variants: {
      default: {
        message: 'Herald changed the video to fit {platformName}: {changes}.',
        params: {
          platformName: { sample: 'Instagram', meaning: 'the network' },
          changes: {
            sample: 'blur-filled 640×360 to 630×1120 (9:16)',
            meaning: 'what ffmpeg changed, in order',
          },
        },
      },
    },
    remedy:
      'Nothing to do: the network got the fixed copy (its URL is in details). Post with autoFix: false to be refused instead.',
  },
  {
    code: 695,
    http: 400,
    title: 'Video could not be fixed',
    scope: 'network',
    action: 'post',
    platforms: PLATFORMS,
    origin: 'herald',
    variants: {
      default: {
        message: 'The video could not be fixed for {platformName}: {reason}.',
        params: {
          platformName: { sample: 'Instagram', meaning: 'the network' },
          reason: { sample: 'ffmpeg is not installed', meaning: 'why the fix failed' },
        },
      },
    },
    remedy:
      'Install ffmpeg (`herald doctor` says which one Herald found), or fit the video yourself and post again; details say what ffmpeg reported.',
  },
  request(
    696,
    400,
    'file is not a base64 data URI',
    'The field "file" must be a base64 data URI (data:<type>;base64,<data>).',
    'Encode the file as a data URI, or send it as multipart/form-data.',
  ),
  request(
    697,
    400,
    'Resize needs a platform or dimensions',
    'Give a platform to resize for, or dimensions {width, height} (each 16 to 8192).',
    'Send platform (e.g. "instagram") or dimensions: {"width": 1080, "height": 1920}.',
  ),
];
