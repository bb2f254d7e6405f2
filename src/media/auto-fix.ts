import type { Config } from '../config/config.ts';

/**
 * Whether Herald may fix a post's videos, and how a video is filled out to 9:16: the
 * post's `autoFix` (true, false, or `{fill: "blur" | "black"}`), else HERALD_MEDIA_AUTOFIX.
 * Stored with the post as `off`, `blur` or `black` (NULL: the configuration decides when
 * the post goes out).
 */
export type AutoFix = 'off' | 'blur' | 'black';

export type AutoFixField = boolean | { fill?: 'blur' | 'black' } | undefined;

export function storedAutoFix(field: AutoFixField): AutoFix | null {
  if (field === undefined) return null;
  if (field === false) return 'off';
  if (field === true) return 'blur';
  return field.fill ?? 'blur';
}

export function autoFixOf(stored: AutoFix | null, config: Pick<Config, 'mediaLibrary'>): AutoFix {
  return stored ?? (config.mediaLibrary.autoFix ? 'blur' : 'off');
}
