import type { Declaration } from '../connectors/types.ts';
import type { ErrorSpec } from '../errors/build.ts';
import { mediaItems } from './media-kind.ts';
import { textLength } from './text-length.ts';

/**
 * A comment (or reply, or a post's firstComment) for one network, checked against the
 * network's declared comment rules before anything is stored or sent. Returns the first
 * problem, or undefined when it may go out.
 */
export function validateComment(
  declaration: Declaration,
  text: string,
  mediaUrls: readonly string[],
): ErrorSpec | undefined {
  const platform = declaration.id;
  const params = { platformName: declaration.name };
  const rules = declaration.comments;
  if (!rules) return { code: 685, platform, params };
  const length = textLength(text, rules.text.unit);
  if (length > rules.text.limit) {
    return {
      code: 688,
      platform,
      params: { ...params, length, limit: rules.text.limit, unit: rules.text.unit },
    };
  }
  const media = mediaItems(mediaUrls, false);
  if (media.length === 0) return undefined;
  if (rules.maxImages === 0)
    return {
      code: 689,
      platform,
      params: { ...params, reason: 'only Facebook, LinkedIn and X take one image' },
    };
  if (media.length > rules.maxImages)
    return { code: 689, platform, params: { ...params, reason: `at most ${rules.maxImages} image` } };
  if (media.some((item) => item.kind !== 'image'))
    return { code: 689, platform, params: { ...params, reason: 'a comment takes an image, not a video' } };
  return undefined;
}
