import { Value } from 'typebox/value';
import { notOfferedFields } from '../connectors/shared/options.ts';
import type { Declaration, PublishInput } from '../connectors/types.ts';
import type { ErrorSpec } from '../errors/build.ts';
import { firstAskedFor } from './not-offered.ts';
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
  const optionsProblem = checkOptions(declaration, rawOptions);
  if (optionsProblem) {
    errors.push({
      code: 620,
      platform,
      params: { optionsField: declaration.optionsField, problem: optionsProblem },
    });
    return errors;
  }

  const tooLong = textLimitProblem(declaration, input);
  if (tooLong) errors.push({ code: 132, platform, params: { platformName: declaration.name, ...tooLong } });

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

/** How far past the network's text limit the text is (its unit, then its byte cap); undefined when it fits. */
export function textLimitProblem(
  declaration: Pick<Declaration, 'text'>,
  input: Pick<PublishInput, 'text' | 'options'>,
): { length: number; limit: number; unit: string } | undefined {
  const { text } = input;
  const { limit, unit, maxBytes } = declaration.text;
  const length = declaration.text.counting?.length(input) ?? textLength(text, unit);
  if (length > limit) return { length, limit, unit: unit === 'weighted' ? 'weighted characters' : unit };
  if (maxBytes !== undefined && byteLength(text) > maxBytes)
    return { length: byteLength(text), limit: maxBytes, unit: 'bytes' };
  return undefined;
}

/** What is wrong with a network's option object, in words that name the field; undefined when nothing. */
function checkOptions(declaration: Declaration, rawOptions: unknown): string | undefined {
  if (rawOptions === undefined) return undefined;
  const field = declaration.optionsField;
  if (!Value.Check(declaration.optionsSchema, rawOptions)) {
    const errors = [...Value.Errors(declaration.optionsSchema, rawOptions)];
    // A closed object reports an unknown field twice; the additionalProperties error names it.
    const extra = errors.find((e) => e.keyword === 'additionalProperties');
    const first = extra ?? errors[0];
    const where = first?.instancePath ? `${field}${first.instancePath.replaceAll('/', '.')}` : field;
    const unknown = extra?.params?.additionalProperties;
    if (Array.isArray(unknown) && unknown.length > 0) {
      return `${where}.${String(unknown[0])} is not a field Herald knows (check its spelling in docs/networks.md)`;
    }
    return `${where} ${first?.message ?? 'is not valid'}`;
  }
  const asked = firstAskedFor(rawOptions, notOfferedFields(declaration.optionsSchema));
  return asked === undefined
    ? undefined
    : `${field}.${asked} asks for a feature Herald does not offer; remove it`;
}
