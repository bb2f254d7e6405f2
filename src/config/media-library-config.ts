import type { Env } from './env.ts';

/** Uploads, the media library and the video fixer (ffmpeg). */
export interface MediaLibraryConfig {
  /** Largest file POST /api/media/upload takes (multipart or a base64 data URI). */
  uploadMaxBytes: number;
  /** Fix videos a network would refuse (remux, re-encode, pad to 9:16) unless a post says `autoFix: false`. */
  autoFix: boolean;
  /** Explicit ffmpeg/ffprobe binaries; unset: the system's, else the ones shipped in npm packages. */
  ffmpegPath?: string;
  ffprobePath?: string;
  /** Longest one ffmpeg run may take (a fix of one video); past it the run is killed. */
  fixTimeoutMs: number;
  /** Address-space cap of one ffmpeg run (prlimit --as); 0: none. */
  fixMemoryBytes: number;
  /** Where the system's ffmpeg is looked for: PATH, else the usual system folders. */
  searchPath: string;
}

export const MEDIA_LIBRARY_VARIABLES: readonly { name: string; default: string; meaning: string }[] = [
  {
    name: 'HERALD_MEDIA_UPLOAD_MAX_BYTES',
    default: '104857600',
    meaning:
      'Largest file POST /api/media/upload takes (multipart, streamed to the store; or a base64 data URI in JSON, whose body may then be 4/3 of this). Larger files: GET /api/media/uploadUrl or tus (up to HERALD_MEDIA_MAX_BYTES).',
  },
  {
    name: 'HERALD_MEDIA_AUTOFIX',
    default: 'false',
    meaning:
      '`true`: videos a network would refuse are fixed with ffmpeg (moov moved to the front, re-encoded to H.264/AAC, padded to 9:16, frame and bit rate capped) unless a post says `autoFix: false`; `false`: only posts with `autoFix: true` are fixed, others are refused with the rule named.',
  },
  {
    name: 'HERALD_FFMPEG_PATH',
    default: '(the system’s, else @ffmpeg-installer/linux-x64)',
    meaning: 'The ffmpeg binary that fixes videos (`herald doctor` says which one is used).',
  },
  {
    name: 'HERALD_FFPROBE_PATH',
    default: '(the system’s, else @ffprobe-installer/linux-x64)',
    meaning: 'The ffprobe binary that probes videos (container, codecs, frame rate, bit rate, rotation).',
  },
  {
    name: 'HERALD_MEDIA_FIX_TIMEOUT_MS',
    default: '600000',
    meaning: 'Longest one video fix may run; past it ffmpeg is killed and the target fails (695).',
  },
  {
    name: 'HERALD_MEDIA_FIX_MEMORY_BYTES',
    default: '2147483648',
    meaning: 'Address-space cap of one ffmpeg run (applied with prlimit where it exists; 0: none).',
  },
];

/** What execvp searches when PATH is unset. */
const DEFAULT_SEARCH_PATH = '/usr/local/bin:/usr/bin:/bin';

type IntegerReader = (name: string, fallback: number, min: number, max: number) => number;

export function mediaLibraryConfig(env: Env, integer: IntegerReader, problems: string[]): MediaLibraryConfig {
  const autoFix = env.HERALD_MEDIA_AUTOFIX ?? 'false';
  if (autoFix !== 'true' && autoFix !== 'false')
    problems.push(`HERALD_MEDIA_AUTOFIX must be "true" or "false"; got "${autoFix}"`);
  const binary = (name: string, value: string | undefined) => {
    if (value === undefined || value === '') return undefined;
    if (!value.startsWith('/')) problems.push(`${name} must be an absolute path; got "${value}"`);
    return value;
  };
  const ffmpegPath = binary('HERALD_FFMPEG_PATH', env.HERALD_FFMPEG_PATH);
  const ffprobePath = binary('HERALD_FFPROBE_PATH', env.HERALD_FFPROBE_PATH);
  // The system's PATH (not a Herald variable): where Debian's ffmpeg is found.
  const { PATH: searchPath } = env;
  return {
    uploadMaxBytes: integer('HERALD_MEDIA_UPLOAD_MAX_BYTES', 104_857_600, 1024, 1_073_741_824),
    autoFix: autoFix === 'true',
    ...(ffmpegPath ? { ffmpegPath } : {}),
    ...(ffprobePath ? { ffprobePath } : {}),
    fixTimeoutMs: integer('HERALD_MEDIA_FIX_TIMEOUT_MS', 600_000, 1000, 86_400_000),
    fixMemoryBytes: integer('HERALD_MEDIA_FIX_MEMORY_BYTES', 2_147_483_648, 0, Number.MAX_SAFE_INTEGER),
    searchPath: searchPath || DEFAULT_SEARCH_PATH,
  };
}
