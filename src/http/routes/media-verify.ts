import { Type } from 'typebox';
import { HeraldError } from '../../errors/herald-error.ts';
import { unknownPlatformError } from '../../errors/platform-error.ts';
import { mediaService } from '../../media/media-service.ts';
import { verifyMedia } from '../../media/verify-media.ts';
import { isPlatform, type Platform } from '../../platforms.ts';
import { parseScheduleDate } from '../../posts/schedule-date.ts';
import { documented } from '../answer.ts';
import { ErrorResponses } from '../schemas/common.ts';
import { MediaVerification } from '../schemas/media-responses.ts';
import type { RegisterRoute } from '../types.ts';

/**
 * POST /api/media/verify: what each network's crawler meets at a media URL (robots.txt
 * verdict and the rule that decided it, HTTP status, type from the bytes, bytes
 * received), the verdict and the fix. `herald media check <url>` prints the same.
 */
export const registerMediaVerify: RegisterRoute = (server, app) => {
  server.post(
    '/api/media/verify',
    {
      schema: {
        summary: 'Check a media URL the way each network’s crawler will fetch it',
        tags: ['media'],
        body: Type.Object({
          mediaUrl: Type.String({ minLength: 1, maxLength: 4096 }),
          platforms: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 15 })),
          scheduleDate: Type.Optional(Type.String({ maxLength: 64 })),
        }),
        response: { 200: MediaVerification, ...ErrorResponses },
      },
    },
    async (request) => {
      const { mediaUrl, platforms = [], scheduleDate } = request.body;
      const unknown = platforms.find((p) => !isPlatform(p));
      if (unknown !== undefined) throw new HeraldError(unknownPlatformError(unknown));
      const postTime = parseScheduleDate(scheduleDate, new Date());
      const result = await verifyMedia(mediaService(app), mediaUrl, {
        platforms: platforms as Platform[],
        ...(postTime ? { postTime } : {}),
      });
      if (!result.ok) throw new HeraldError(result.error);
      return documented({ status: 'success', ...result.verification });
    },
  );
};
