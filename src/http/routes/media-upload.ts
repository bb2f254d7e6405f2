import { Readable } from 'node:stream';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { ingest } from '../../media/library/ingest.ts';
import { mediaAnswer, storeUpload } from '../../media/library/library.ts';
import { mediaService } from '../../media/media-service.ts';
import { ErrorResponses } from '../schemas/common.ts';
import { MediaItem } from '../schemas/media-library-responses.ts';
import type { RegisterRoute } from '../types.ts';

/**
 * POST /api/media/upload (and Ayrshare's older POST /api/upload, what its SDK's
 * `upload()` calls): one file into the profile's library. Multipart (`file`,
 * `fileName`, `description`) is streamed to a temporary file and on to the store,
 * never held whole in memory; Ayrshare's JSON form carries `file` as a base64 data URI
 * (decoded in memory, so its body may be up to 4/3 of HERALD_MEDIA_UPLOAD_MAX_BYTES,
 * on this route only). The type is read from the bytes, never from the name.
 */

const DATA_URI = /^data:([\w.+-]+\/[\w.+-]+)?((?:;[\w-]+=[^;,]*)*);base64,/;

const UploadBody = Type.Object({
  file: Type.Optional(
    Type.String({ description: 'The file as a base64 data URI: data:<type>;base64,<data> (JSON form).' }),
  ),
  fileName: Type.Optional(Type.String({ maxLength: 1024, description: 'Name shown in GET /api/media.' })),
  description: Type.Optional(Type.String({ maxLength: 10_000 })),
});

/** JSON body limit of this route: the base64 of the largest upload, and room for the other fields. */
export function jsonUploadLimit(uploadMaxBytes: number): number {
  return Math.ceil(uploadMaxBytes / 3) * 4 + 64 * 1024;
}

async function fromMultipart(app: AppContext, request: MultipartRequest) {
  const service = mediaService(app);
  const max = app.config.mediaLibrary.uploadMaxBytes;
  const fields: Record<string, string> = {};
  let stored: Awaited<ReturnType<typeof ingest>> | undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: max } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || stored) {
          part.file.resume();
          throw new HeraldError({ code: 631, params: { field: part.fieldname } });
        }
        stored = await ingest(part.file, service.tmpDir, max, { truncatedFlag: () => part.file.truncated });
        if (!fields.fileName && part.filename) fields.fileName = part.filename;
      } else if (part.fieldname === 'fileName' || part.fieldname === 'description') {
        fields[part.fieldname] = String(part.value);
      } else if (part.fieldname !== 'source' && part.fieldname !== 'profileKey') {
        throw new HeraldError({ code: 631, params: { field: part.fieldname } });
      }
    }
  } catch (err) {
    await stored?.remove();
    // A failed system call (the temporary file) is Herald's; anything else the multipart
    // parser threw is the body's (boundary never closed, a part cut short): bad input, 604.
    if (err instanceof HeraldError || (err as { syscall?: unknown }).syscall !== undefined) throw err;
    throw new HeraldError({
      code: 604,
      params: { problem: 'the multipart/form-data body is malformed or cut short' },
    });
  }
  if (!stored) throw new HeraldError({ code: 604, params: { problem: 'file is required' } });
  return { upload: stored, fileName: fields.fileName, description: fields.description };
}

async function fromDataUri(
  app: AppContext,
  body: { file?: string; fileName?: string; description?: string },
) {
  const { file } = body;
  if (file === undefined) throw new HeraldError({ code: 604, params: { problem: 'file is required' } });
  const match = DATA_URI.exec(file.slice(0, 512));
  if (!match) throw new HeraldError({ code: 696 });
  const bytes = Buffer.from(file.slice(match[0].length), 'base64');
  const upload = await ingest(
    Readable.from([bytes]),
    mediaService(app).tmpDir,
    app.config.mediaLibrary.uploadMaxBytes,
  );
  return { upload, fileName: body.fileName, description: body.description };
}

interface MultipartPart {
  type: 'file' | 'field';
  fieldname: string;
  filename?: string;
  value?: unknown;
  file: Readable & { truncated: boolean };
}
interface MultipartRequest {
  isMultipart(): boolean;
  parts(options: { limits: { fileSize: number } }): AsyncIterable<MultipartPart>;
}

export const registerMediaUpload: RegisterRoute = (server, app) => {
  for (const url of ['/api/media/upload', '/api/upload']) {
    server.post(
      url,
      {
        bodyLimit: jsonUploadLimit(app.config.mediaLibrary.uploadMaxBytes),
        config: { uploadLimitBytes: app.config.mediaLibrary.uploadMaxBytes },
        // A multipart body is read in the handler, part by part: the schema checks the JSON form only.
        preValidation: async (request) => {
          if ((request as unknown as MultipartRequest).isMultipart()) request.body = {};
        },
        schema: {
          summary:
            url === '/api/upload'
              ? 'Upload a file (Ayrshare’s older path, used by its SDK’s upload())'
              : 'Upload an image or a video to the profile’s media library',
          tags: ['media'],
          consumes: ['application/json', 'multipart/form-data'],
          body: UploadBody,
          response: { 200: MediaItem, ...ErrorResponses },
        },
      },
      async (request) => {
        const received = (request as unknown as MultipartRequest).isMultipart()
          ? await fromMultipart(app, request as unknown as MultipartRequest)
          : await fromDataUri(app, request.body);
        const media = await storeUpload(app, request.profile.id, received.upload, received);
        return mediaAnswer(mediaService(app), media);
      },
    );
  }
};
