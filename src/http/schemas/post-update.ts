import { Type } from 'typebox';
import { PostBody } from './post.ts';
import { Unsupported } from './unsupported.ts';

/** Fields of PATCH /api/post that change the post. */
export const EDITABLE_FIELDS = [
  'scheduleDate',
  'scheduledPause',
  'approved',
  'notes',
  'post',
  'mediaUrls',
  'isVideo',
  'youTubeOptions',
  'youtubeOptions',
] as const;

/** Ayrshare documents it for PATCH, for a feature Herald does not offer. */
export const UNSUPPORTED_UPDATE_FIELDS = ['disableComments'] as const;

/**
 * Every other field of POST /api/post: known, so not a typo (631), but PATCH cannot
 * change it; asking to answers 675 saying to delete the post and post again.
 */
export const NEEDS_NEW_POST_FIELDS = Object.keys(PostBody.properties).filter(
  (field) =>
    !(EDITABLE_FIELDS as readonly string[]).includes(field) &&
    !(UNSUPPORTED_UPDATE_FIELDS as readonly string[]).includes(field),
);

const youTubeEdit = Type.Object(
  {},
  {
    additionalProperties: true,
    description:
      'A published video: title, description, visibility, categoryId, tags, madeForKids, changed on YouTube (videos.update); what is not sent is kept. A video not sent yet: the same, description aside (it is the post text).',
  },
);

export const PostUpdateBody = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64, description: 'The post to change.' }),
  scheduleDate: Type.Optional(
    Type.String({
      maxLength: 64,
      description: 'Move the post (ISO-8601 with Z or an offset). A past date sends it now.',
    }),
  ),
  scheduledPause: Type.Optional(
    Type.Boolean({ description: 'true pauses, false resumes (a date already past then sends it now).' }),
  ),
  approved: Type.Optional(
    Type.Boolean({
      description:
        'true approves a post made with requiresApproval (past its date, it goes at once); false takes the approval back while it has not gone.',
    }),
  ),
  notes: Type.Optional(Type.String({ maxLength: 10_000, description: 'Replaces the post’s notes.' })),
  post: Type.Optional(
    Type.String({
      maxLength: 100_000,
      description: 'New text of a post not sent yet (checked as POST checks it).',
    }),
  ),
  mediaUrls: Type.Optional(
    Type.Array(Type.String({ maxLength: 4096, pattern: '^https?://' }), {
      maxItems: 35,
      description: 'New media of a post not sent yet (checked as POST checks it).',
    }),
  ),
  isVideo: Type.Optional(Type.Boolean()),
  youTubeOptions: Type.Optional(youTubeEdit),
  youtubeOptions: Type.Optional(youTubeEdit),
  ...Object.fromEntries(UNSUPPORTED_UPDATE_FIELDS.map((field) => [field, Type.Optional(Unsupported(field))])),
  ...Object.fromEntries(
    NEEDS_NEW_POST_FIELDS.map((field) => [
      field,
      Type.Optional(
        Type.Unknown({ description: 'A field of POST /api/post that PATCH cannot change (675).' }),
      ),
    ]),
  ),
});
