import { Value } from 'typebox/value';
import type { Declaration, PublishInput } from '../connectors/types.ts';
import type { ErrorSpec } from '../errors/build.ts';
import { byteLength, textLength } from './text-length.ts';

/**
 * Everything Herald can check about one target without calling the network:
 * the option object, text length, media counts, then the network's own rules.
 * Rules come from the declaration; this function only applies them.
 */
export function validateTarget(
  declaration: Declaration,
  input: PublishInput,
  rawOptions: unknown,
): ErrorSpec[] {
  const platform = declaration.id;
  const errors: ErrorSpec[] = [];
  if (rawOptions !== undefined && !Value.Check(declaration.optionsSchema, rawOptions)) {
    const first = [...Value.Errors(declaration.optionsSchema, rawOptions)][0];
    const where = first?.instancePath
      ? `${declaration.optionsField}${first.instancePath.replaceAll('/', '.')}`
      : declaration.optionsField;
    errors.push({
      code: 620,
      platform,
      params: {
        optionsField: declaration.optionsField,
        problem: `${where} ${first?.message ?? 'is not valid'}`,
      },
    });
    return errors;
  }

  const { limit, unit, maxBytes } = declaration.text;
  const length = declaration.text.counting?.length(input) ?? textLength(input.text, unit);
  const unitName = unit === 'weighted' ? 'weighted characters' : unit;
  if (length > limit) {
    errors.push({
      code: 132,
      platform,
      params: { platformName: declaration.name, length, limit, unit: unitName },
    });
  } else if (maxBytes !== undefined && byteLength(input.text) > maxBytes) {
    errors.push({
      code: 132,
      platform,
      params: {
        platformName: declaration.name,
        length: byteLength(input.text),
        limit: maxBytes,
        unit: 'bytes',
      },
    });
  }

  const images = input.media.filter((m) => m.kind === 'image').length;
  const videos = input.media.length - images;
  const { media } = declaration;
  const mediaProblem =
    images > media.maxImages
      ? media.maxImages === 0
        ? 'images are not supported'
        : `at most ${media.maxImages} image(s) per post`
      : videos > media.maxVideos
        ? media.maxVideos === 0
          ? 'videos are not supported'
          : `at most ${media.maxVideos} video(s) per post`
        : images > 0 && videos > 0 && !media.mix
          ? 'images and videos cannot be mixed in one post'
          : media.requiresMedia && input.media.length === 0
            ? 'a post needs at least one image or video'
            : undefined;
  if (mediaProblem)
    errors.push({ code: 136, platform, params: { platformName: declaration.name, reason: mediaProblem } });

  if (errors.length === 0 && declaration.validate) errors.push(...declaration.validate(input));
  return errors;
}
