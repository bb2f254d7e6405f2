import { Type } from 'typebox';
import { postLength } from '../../posts/post-length.ts';
import { ErrorBody, ErrorsAnswer, PostIdEntry, Success, Warning, withExamples } from './common.ts';

/** POST /api/validate/post: nothing wrong (networks not linked are warnings, 156). */
export const ValidateAnswer = Type.Object(
  { status: Success, message: Type.String(), warnings: Type.Optional(Type.Array(Warning)) },
  {
    examples: [
      {
        status: 'success',
        message:
          'No validation issues were found with this post. This is only a Herald validation test and the post may still return an error by the social networks.',
        warnings: [
          {
            action: 'post',
            status: 'error',
            code: 156,
            message: 'X/Twitter is not linked to this profile. Link it before posting.',
            platform: 'twitter',
          },
        ],
      },
    ],
  },
);

/** What POST /api/post would refuse with: `{status: "error", errors, postIds: []}`. */
export const ValidateRefusal = Type.Object(
  {
    status: Type.Literal('error'),
    errors: Type.Array(ErrorBody),
    postIds: Type.Array(PostIdEntry),
    warnings: Type.Optional(Type.Array(Warning)),
  },
  { additionalProperties: true },
);

/**
 * POST /api/validate/postLength: its keys come from the networks' declarations (as the
 * function that answers builds them), so the schema is read off one answer.
 */
const LENGTHS = postLength('Hello 🍩');
export const PostLengthAnswer = Type.Object(
  Object.fromEntries(
    Object.entries(LENGTHS).map(([key, value]) => [
      key,
      key === 'status'
        ? Success
        : key === 'maxCharLimits'
          ? Type.Object(
              Object.fromEntries(Object.keys(value as object).map((network) => [network, Type.Integer()])),
            )
          : typeof value === 'boolean'
            ? Type.Boolean()
            : Type.Integer(),
    ]),
  ),
  { examples: [LENGTHS] },
);

/** POST /api/validate/moderation. */
export const ModerationAnswer = Type.Object(
  {
    status: Success,
    flagged: Type.Boolean(),
    engine: Type.Union([Type.Literal('local'), Type.Literal('local+provider')]),
    text: Type.Object({
      flagged: Type.Boolean(),
      matches: Type.Array(
        Type.Object({
          language: Type.String(),
          term: Type.String(),
          start: Type.Integer(),
          end: Type.Integer(),
        }),
      ),
    }),
    mediaUrls: Type.Array(
      Type.Object({
        url: Type.String(),
        type: Type.String(),
        judgedBy: Type.Union([Type.Null(), Type.Literal('provider')]),
      }),
    ),
    provider: Type.Optional(
      Type.Object({}, { additionalProperties: true, description: 'The model’s verdict.' }),
    ),
  },
  {
    examples: [
      {
        status: 'success',
        flagged: true,
        engine: 'local',
        text: { flagged: true, matches: [{ language: 'de', term: 'scheiße', start: 8, end: 15 }] },
        mediaUrls: [],
      },
    ],
  },
);

/** 438 and 331 as seed 002 prints them: inside errors[]. */
export const ModerationFailure = withExamples(ErrorsAnswer, [
  {
    status: 'error',
    errors: [
      {
        action: 'moderation',
        status: 'error',
        code: 438,
        message: 'There was an issue with the AI processing.',
      },
    ],
  },
]);
