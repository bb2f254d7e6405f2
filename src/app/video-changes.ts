import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { DESCRIPTION_MAX_BYTES, TAGS_LIMIT, TITLE_LIMIT } from '../connectors/youtube/declaration.ts';
import { HeraldError } from '../errors/herald-error.ts';

/** What PATCH /api/post may change on a YouTube video, in youTubeOptions' names. */
export const VIDEO_FIELDS = [
  'title',
  'description',
  'visibility',
  'categoryId',
  'tags',
  'madeForKids',
] as const;

const NO_ANGLES = '^[^<>]*$';

const VideoChanges = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: TITLE_LIMIT, pattern: NO_ANGLES })),
    description: Type.Optional(Type.String({ maxLength: DESCRIPTION_MAX_BYTES, pattern: NO_ANGLES })),
    visibility: Type.Optional(
      Type.Union([Type.Literal('public'), Type.Literal('unlisted'), Type.Literal('private')]),
    ),
    categoryId: Type.Optional(Type.Integer({ minimum: 1 })),
    tags: Type.Optional(Type.Array(Type.String({ minLength: 2, pattern: NO_ANGLES }), { maxItems: 500 })),
    madeForKids: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

function invalid(problem: string): HeraldError {
  return new HeraldError({ code: 604, params: { problem } });
}

/**
 * The video changes of a PATCH, checked against YouTube's limits (those of
 * youTubeOptions on POST): another youTubeOptions field is 675 (it needs a new post),
 * a bad value 604 naming it.
 */
export function videoChangesOf(raw: unknown, field: string, postId: string): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw invalid(`${field} must be an object`);
  const given = raw as Record<string, unknown>;
  const other = Object.keys(given).find((key) => !(VIDEO_FIELDS as readonly string[]).includes(key));
  if (other !== undefined) {
    throw new HeraldError({
      code: 675,
      params: {
        field: `${field}.${other.slice(0, 64)}`,
        id: postId,
        reason: `PATCH changes a video's ${VIDEO_FIELDS.join(', ')} only`,
      },
    });
  }
  if (Object.keys(given).length === 0) throw invalid(`${field} names nothing to change`);
  if (!Value.Check(VideoChanges, given)) {
    const [first] = [...Value.Errors(VideoChanges, given)];
    const where = first?.instancePath ? `${field}${first.instancePath.replaceAll('/', '.')}` : field;
    throw invalid(`${where} ${first?.message ?? 'is not valid'}`);
  }
  const bytes = Buffer.byteLength(String(given.description ?? ''), 'utf8');
  if (bytes > DESCRIPTION_MAX_BYTES)
    throw invalid(`${field}.description must be at most ${DESCRIPTION_MAX_BYTES} bytes (got ${bytes})`);
  const tagLength = ((given.tags as string[] | undefined) ?? []).reduce((sum, tag) => sum + tag.length, 0);
  if (tagLength > TAGS_LIMIT)
    throw invalid(`${field}.tags must total at most ${TAGS_LIMIT} characters (got ${tagLength})`);
  return given;
}
