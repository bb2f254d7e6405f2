import type { MediaLibraryConfig } from '../../config/media-library-config.ts';
import { type Binary, locateBinary } from './binaries.ts';
import { EncodeQueue, type RunLimits } from './run.ts';

/** The ffmpeg and ffprobe this process runs, the per-CPU queue and the caps of each run. */
export interface VideoTools {
  ffmpeg?: Binary;
  ffprobe?: Binary;
  queue: EncodeQueue;
  /** An encode's caps. */
  encodeLimits: RunLimits;
  /** A probe's caps (it reads headers and a few packets: seconds, not minutes). */
  probeLimits: RunLimits;
}

export function videoTools(config: MediaLibraryConfig): VideoTools {
  const ffmpeg = locateBinary('ffmpeg', config.ffmpegPath, config.searchPath);
  const ffprobe = locateBinary('ffprobe', config.ffprobePath, config.searchPath);
  return {
    ...(ffmpeg ? { ffmpeg } : {}),
    ...(ffprobe ? { ffprobe } : {}),
    queue: new EncodeQueue(),
    encodeLimits: { timeoutMs: config.fixTimeoutMs, memoryBytes: config.fixMemoryBytes },
    probeLimits: { timeoutMs: 30_000, memoryBytes: config.fixMemoryBytes },
  };
}
