import { Type } from 'typebox';
import { PLATFORMS } from '../../platforms.ts';

// Query values arrive as strings (no coercion anywhere): integers are checked by pattern, bounded below.
export const HistoryQuery = Type.Object({
  lastDays: Type.Optional(
    Type.String({ pattern: '^\\d{1,4}$', description: 'Days back; 0 = all. Default 30.' }),
  ),
  limit: Type.Optional(Type.String({ pattern: '^\\d{1,4}$', description: '1 to 1000. Default 25.' })),
  lastRecords: Type.Optional(
    Type.String({
      pattern: '^\\d{1,4}$',
      description: 'Ayrshare’s older name for limit (limit wins when both are sent).',
    }),
  ),
  status: Type.Optional(
    Type.Union(
      [
        'success',
        'error',
        'pending',
        'processing',
        'scheduled',
        'deleted',
        'paused',
        'awaiting approval',
      ].map((s) => Type.Literal(s)),
    ),
  ),
  type: Type.Optional(Type.Union([Type.Literal('immediate'), Type.Literal('scheduled')])),
  platform: Type.Optional(
    Type.String({
      maxLength: 64,
      description: `Only Herald's posts sent to this network (${PLATFORMS.join(', ')}).`,
    }),
  ),
});

/**
 * `/api/history/<platform>`: the network's own list (Ayrshare's meaning). `/api/history/<id>`:
 * one Herald post. Ayrshare's SDK repeats the path's value as `platform` or `id` in the query.
 */
export const OneQuery = Type.Object({
  limit: Type.Optional(
    Type.String({
      pattern: '^\\d{1,3}$',
      description: 'With a platform: posts per page, 1 to 100. Default 10.',
    }),
  ),
  next: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 2048,
      description: 'With a platform: the `next` of the previous page.',
    }),
  ),
  platform: Type.Optional(
    Type.String({ maxLength: 64, description: 'Set by Ayrshare’s SDK: the path’s platform.' }),
  ),
  id: Type.Optional(
    Type.String({ maxLength: 64, description: 'Set by Ayrshare’s SDK: the path’s post id.' }),
  ),
});
