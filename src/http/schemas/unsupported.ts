import { HeraldError } from '../../errors/herald-error.ts';
import { firstAskedFor } from '../../posts/not-offered.ts';

export { NotOffered as Unsupported } from '../../posts/not-offered.ts';

/** 604 for the first of `fields` whose value asks for a feature Herald does not offer. */
export function refuseUnsupported(
  body: Record<string, unknown> | undefined,
  fields: readonly string[],
): void {
  const field = firstAskedFor(body, fields);
  if (field !== undefined) {
    throw new HeraldError({
      code: 604,
      params: {
        problem: `${field} asks for a feature Herald does not offer; remove it or send it empty/false`,
      },
    });
  }
}
