import { findPostById, listTargets, type PostRecord } from '../db/posts.ts';
import { HeraldError } from '../errors/herald-error.ts';
import { buildEnvelope } from '../posts/envelope.ts';
import type { AppContext } from './context.ts';
import { lifecycleFields, type Reply } from './post-responses.ts';

export interface PostEditRequest {
  id: string;
  scheduleDate?: string;
  scheduledPause?: boolean;
  approved?: boolean;
  notes?: string;
  post?: string;
  mediaUrls?: string[];
  isVideo?: boolean;
  youTubeOptions?: unknown;
  youtubeOptions?: unknown;
  [field: string]: unknown;
}

/** Fields that change what is sent or when: only while nothing of the post was sent. */
export const UNSENT_FIELDS = [
  'scheduleDate',
  'scheduledPause',
  'approved',
  'post',
  'mediaUrls',
  'isVideo',
] as const;

/** 675: PATCH cannot make this change; the post must be deleted and posted again. */
export function needsNewPost(field: string, id: string, reason: string): HeraldError {
  return new HeraldError({ code: 675, params: { field, id, reason } });
}

/**
 * The answer of a successful PATCH: Ayrshare's `status: "success"` with the post's id,
 * the fields changed and where the post stands now (`postStatus`: scheduled, paused,
 * awaiting approval, ...), read after the change.
 */
export async function changed(
  app: AppContext,
  post: PostRecord,
  updated: readonly string[],
  extra: Record<string, unknown> = {},
): Promise<Reply> {
  const now = (await findPostById(app.pool, post.id)) ?? post;
  const envelope = buildEnvelope(now, await listTargets(app.pool, [post.id]));
  return {
    status: 200,
    body: {
      status: 'success',
      id: post.id,
      updated,
      postStatus: envelope.status,
      scheduleDate: now.scheduleDate?.toISOString() ?? null,
      ...lifecycleFields(now),
      ...extra,
    },
  };
}
