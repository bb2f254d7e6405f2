import type { ErrorSpec } from '../../errors/build.ts';
import { isObject } from '../shared/graph-client.ts';
import type { PublishInput } from '../types.ts';

/**
 * Trial reels (`instagramOptions.trialParams`), refused before any call when Meta would
 * refuse them: a graduation strategy is required and must be exactly MANUAL or
 * SS_PERFORMANCE (case-sensitive), and the post must be one .mp4/.mov video, not a story.
 */

export const GRADUATION_STRATEGIES: readonly string[] = ['MANUAL', 'SS_PERFORMANCE'];

const TRIAL_VIDEO = /\.(mp4|mov)$/i;
/** The seed echoes the rejected value cut to 64 characters. */
const ECHO_LIMIT = 64;

function refused(code: 447 | 448 | 449, params?: Record<string, string>): ErrorSpec {
  return { code, platform: 'instagram', ...(params ? { params } : {}) };
}

function echo(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return [...text].slice(0, ECHO_LIMIT).join('');
}

function extensionOk(url: string): boolean {
  const path = URL.canParse(url) ? new URL(url).pathname : url;
  return TRIAL_VIDEO.test(path);
}

/** The trial-reel error of a post, if it has one; undefined when it is no trial reel or a valid one. */
export function trialReelError(input: Pick<PublishInput, 'options' | 'media'>): ErrorSpec | undefined {
  if (!('trialParams' in input.options) || input.options.trialParams === undefined) return undefined;
  const params = input.options.trialParams;
  const strategy = isObject(params) ? params.graduationStrategy : undefined;
  if (strategy === undefined || strategy === null || strategy === '') return refused(447);
  if (typeof strategy !== 'string' || !GRADUATION_STRATEGIES.includes(strategy))
    return refused(448, { received: echo(strategy) });
  if (input.media.length > 1) return refused(449, { subCase: 'Carousels are not supported.' });
  if (input.options.stories === true) return refused(449, { subCase: 'Stories are not supported.' });
  const [only] = input.media;
  if (!only || !extensionOk(only.url))
    return refused(449, { subCase: 'Only .mp4 or .mov videos are supported.' });
  return undefined;
}
