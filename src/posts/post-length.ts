import { DECLARATIONS } from '../connectors/declarations.ts';
import { PLATFORMS, type Platform } from '../platforms.ts';
import { textLength } from './text-length.ts';
import { textLimitProblem } from './validate-target.ts';

/**
 * POST /api/validate/postLength: the text's length as each network counts it and whether
 * it fits, from the declarations (the same rules POST /api/post applies). Keys follow
 * Ayrshare's answer (`twitterWeightedLength`, `tikTokValid`, `maxCharLimits.linkedin`);
 * networks Ayrshare does not list use their Herald id the same way.
 */

/** Ayrshare's spelling of a network inside a key; its own id otherwise. */
const KEY: Readonly<Partial<Record<Platform, string>>> = { tiktok: 'tikTok', linkedin: 'linkedIn' };

/** The limit of one post on the network (X: one tweet; Threads: one post of a chain). */
function singlePostLimit(platform: Platform): number {
  const { text } = DECLARATIONS[platform];
  return text.perPost?.limit ?? text.limit;
}

export function postLength(text: string): Record<string, unknown> {
  const lengths: Record<string, number> = {};
  const valid: Record<string, boolean> = {};
  const maxCharLimits: Record<string, number> = {};
  for (const platform of PLATFORMS) {
    const declaration = DECLARATIONS[platform];
    const key = KEY[platform] ?? platform;
    const limit = singlePostLimit(platform);
    const input = { text, options: {} };
    lengths[`${key}WeightedLength`] =
      declaration.text.counting?.length(input) ?? textLength(text, declaration.text.unit);
    const single = { text: { ...declaration.text, limit } };
    valid[`${key}Valid`] = textLimitProblem(single, input) === undefined;
    maxCharLimits[platform] = limit;
    if (platform === 'twitter') {
      // X Premium's long posts (twitterOptions.longPost).
      valid.twitterLongValid = textLimitProblem(declaration, input) === undefined;
      maxCharLimits.twitterLong = declaration.text.limit;
    }
  }
  return { status: 'success', ...lengths, ...valid, maxCharLimits };
}
