import { Type } from 'typebox';
import { ErrorResponses } from './common.ts';
import { MediaItem, RawBytes } from './media-library-responses.ts';
import { RAW_BODY } from './raw-body.ts';

const UPLOAD = '/api/media/tus/4f9c0e7a1b2d3c4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a';
const offset = (description: string) => Type.String({ description, examples: ['1048576'] });
const TUS_VERSION = { 'tus-resumable': Type.String({ examples: ['1.0.0'] }) };

/**
 * The tus 1.0 routes (core, creation, termination), served by @tus/server once the API key
 * and the profile are checked: these schemas document its answers, which it writes itself.
 */
export const TUS_SCHEMAS = {
  POST: {
    summary: 'Start a resumable upload (tus 1.0 creation): Upload-Length, Upload-Metadata headers',
    response: {
      201: {
        description: 'Created: PATCH the bytes to Location.',
        type: 'null',
        headers: { location: Type.String({ examples: [UPLOAD] }), ...TUS_VERSION },
      },
      ...ErrorResponses,
    },
  },
  PATCH: {
    summary: 'Append bytes at Upload-Offset (Content-Type: application/offset+octet-stream)',
    consumes: ['application/offset+octet-stream'],
    [RAW_BODY]: RawBytes,
    response: {
      200: {
        ...MediaItem,
        description: 'The last PATCH: the file is in the library (as an upload answers).',
      },
      204: {
        description: 'Stored up to the new offset.',
        type: 'null',
        headers: { 'upload-offset': offset('Bytes the server holds now.'), ...TUS_VERSION },
      },
      ...ErrorResponses,
    },
  },
  HEAD: {
    summary: 'Where to resume: the offset the server kept',
    response: {
      200: {
        description: 'The upload’s offset and length.',
        type: 'null',
        headers: {
          'upload-offset': offset('Bytes the server holds.'),
          'upload-length': offset('The whole file’s size.'),
          ...TUS_VERSION,
        },
      },
      ...ErrorResponses,
    },
  },
  DELETE: {
    summary: 'Abandon an upload (tus termination)',
    response: {
      204: { description: 'Abandoned: its bytes are removed.', type: 'null', headers: TUS_VERSION },
      ...ErrorResponses,
    },
  },
} as const;
