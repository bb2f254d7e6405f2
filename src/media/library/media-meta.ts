import sharp from 'sharp';
import type { AppContext } from '../../app/context.ts';
import { findMediaByFile } from '../../db/media.ts';
import { HeraldError } from '../../errors/herald-error.ts';
import { type ProbeFailure, probeVideoFile } from '../ffmpeg/probe-video.ts';
import { mediaService, ownMediaName } from '../media-service.ts';
import { isImageType } from '../sniff.ts';
import { MediaStepFailure } from '../stored-jpeg.ts';
import { codecLabel } from '../video-fit.ts';
import { localCopy } from './local-copy.ts';

/**
 * GET /api/media/meta?url= (Ayrshare's media meta): `{type, size, width, height,
 * duration, codec, format, filename}`, and Herald's fuller reading of a video (codecs,
 * frame rate, bit rate, audio, rotation, whether `moov` comes first). Herald's own URLs
 * answer only for the profile whose library holds them.
 */
export async function mediaMeta(
  app: AppContext,
  profileId: string,
  url: string,
): Promise<Record<string, unknown>> {
  const service = mediaService(app);
  const own = ownMediaName(service.publicUrl, url);
  if (own && !(await findMediaByFile(app.pool, profileId, own)))
    throw new HeraldError({ code: 607, params: { what: `Media ${url}` } });
  let copy: Awaited<ReturnType<typeof localCopy>>;
  try {
    copy = await localCopy(service, url);
  } catch (err) {
    if (err instanceof MediaStepFailure) throw new HeraldError({ ...err.error, code: 451 });
    throw err;
  }
  try {
    if (!copy.type)
      throw new HeraldError({ code: 690, details: `${url}: not a known image or video format` });
    if (isImageType(copy.type)) {
      const meta = await sharp(copy.file).metadata();
      const { width, height } = meta.autoOrient ?? meta;
      return {
        type: 'image',
        contentType: copy.type,
        format: meta.format,
        codec: meta.format,
        size: copy.size,
        width,
        height,
        duration: null,
        filename: url,
      };
    }
    const tools = service.video;
    if (!tools.ffprobe)
      throw new HeraldError({
        code: 695,
        params: { platformName: 'Herald', reason: 'ffprobe is not installed' },
      });
    const probe = await probeVideoFile(tools.ffprobe.path, copy.file, copy.size, tools.probeLimits).catch(
      (err: ProbeFailure) => {
        throw new HeraldError({ code: 690, details: `${url}: ${err.message}` });
      },
    );
    return {
      type: 'video',
      contentType: copy.type,
      codec: probe.video?.codec ?? null,
      duration: probe.durationSeconds,
      filename: url,
      format: probe.containerName,
      height: probe.video?.height ?? null,
      size: copy.size,
      width: probe.video?.width ?? null,
      codecs: {
        video: probe.video ? codecLabel(probe.video.codec) : null,
        audio: probe.audio ? codecLabel(probe.audio.codec) : null,
      },
      frameRate: probe.video?.frameRate ?? null,
      bitRate: probe.bitRate,
      rotation: probe.video?.rotation ?? 0,
      audio: probe.audio,
      moovFirst: probe.moovFirst,
      container: probe.container,
    };
  } finally {
    await copy.release();
  }
}
