import type { AppContext } from '../app/context.ts';
import { fetchHead } from '../media/media-head.ts';
import { mediaService } from '../media/media-service.ts';
import { isImageType, type MediaType } from '../media/sniff.ts';

/** Input the engine cannot take: answered 438 (seed 002), the caller fixes it. */
export class ModerationInputError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'ModerationInputError';
  }
}

export interface MediaInput {
  url: string;
  type: MediaType;
}

/**
 * Each media URL, fetched once through the SSRF-safe fetcher (its first bytes): it must
 * answer and be an image or a video by its bytes. An unreadable URL, an HTML page or a
 * PDF is input the engine cannot take.
 */
export async function readMediaInputs(app: AppContext, urls: readonly string[]): Promise<MediaInput[]> {
  const service = mediaService(app);
  return Promise.all(
    urls.map(async (url, index) => {
      let head: Awaited<ReturnType<typeof fetchHead>>;
      try {
        head = await fetchHead(service.policy, url);
      } catch (err) {
        throw new ModerationInputError(`mediaUrls[${index}] could not be read: ${(err as Error).message}`);
      }
      if (head.status !== 200 && head.status !== 206)
        throw new ModerationInputError(`mediaUrls[${index}] answered HTTP ${head.status}`);
      if (!head.type)
        throw new ModerationInputError(
          `mediaUrls[${index}] is not an image or a video (${head.declaredType ?? 'no Content-Type'})`,
        );
      return { url, type: head.type };
    }),
  );
}

export const isImage = (input: MediaInput): boolean => isImageType(input.type);
