import { Type } from 'typebox';
import { HeraldError } from '../../errors/herald-error.ts';
import { unknownPlatformError } from '../../errors/platform-error.ts';
import { mediaAnswer } from '../../media/library/library.ts';
import { RESIZE_PRESETS, resizeImage } from '../../media/library/resize.ts';
import { mediaService } from '../../media/media-service.ts';
import { isPlatform } from '../../platforms.ts';
import { ErrorResponses } from '../schemas/common.ts';
import { ResizeAnswer } from '../schemas/media-library-responses.ts';
import { refuseUnsupported, Unsupported } from '../schemas/unsupported.ts';
import type { RegisterRoute } from '../types.ts';

const Side = Type.Integer({ minimum: 16, maximum: 8192 });

/** POST /api/media/resize (Ayrshare; its SDK sends `imageUrl`): an image resized for a network or to dimensions. */
export const registerMediaResize: RegisterRoute = (server, app) => {
  server.post(
    '/api/media/resize',
    {
      schema: {
        summary: 'Resize an image for a network (or to dimensions), cropped or blur-filled',
        tags: ['media'],
        body: Type.Object({
          mediaUrl: Type.Optional(Type.String({ minLength: 1, maxLength: 4096, pattern: '^https?://' })),
          imageUrl: Type.Optional(
            Type.String({
              minLength: 1,
              maxLength: 4096,
              pattern: '^https?://',
              description: 'Ayrshare’s SDK name for mediaUrl.',
            }),
          ),
          platform: Type.Optional(Type.String({ maxLength: 64 })),
          dimensions: Type.Optional(
            Type.Object({ width: Side, height: Side }, { additionalProperties: false }),
          ),
          mode: Type.Optional(
            Type.Literal('blur', { description: 'Fit the whole image, blurred copy behind it.' }),
          ),
          effects: Type.Optional(Unsupported('effects')),
          watermarkUrl: Type.Optional(Unsupported('watermarkUrl')),
        }),
        response: { 200: ResizeAnswer, ...ErrorResponses },
      },
    },
    async (request) => {
      const body = request.body;
      refuseUnsupported(body as Record<string, unknown>, ['effects', 'watermarkUrl']);
      const url = body.mediaUrl ?? body.imageUrl;
      if (!url) throw new HeraldError({ code: 604, params: { problem: 'mediaUrl is required' } });
      if (body.platform !== undefined && !isPlatform(body.platform))
        throw new HeraldError(unknownPlatformError(body.platform));
      const size = body.dimensions ?? (body.platform ? RESIZE_PRESETS[body.platform] : undefined);
      if (!size) throw new HeraldError({ code: 697 });
      const media = await resizeImage(app, request.profile.id, { url, ...size, blur: body.mode === 'blur' });
      const answer = mediaAnswer(mediaService(app), media);
      return {
        status: 'success' as const,
        url: answer.url,
        platform: body.platform ?? null,
        id: answer.id,
        width: size.width,
        height: size.height,
      };
    },
  );
};
