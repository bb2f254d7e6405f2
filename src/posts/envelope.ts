import type { PostRecord, TargetRecord } from '../db/posts.ts';
import { buildErrorBody, type ErrorBody, type ErrorSpec, httpStatusOf, messageOf } from '../errors/build.ts';
import { holdOf, type PostStatus, rollupStatus } from './rollup.ts';

export interface Envelope {
  status: PostStatus;
  errors: ErrorBody[];
  postIds: Record<string, unknown>[];
  id: string;
  post: string;
  warnings?: Record<string, unknown>[];
  scheduleDate?: string;
}

function postIdEntry(target: TargetRecord): Record<string, unknown> | undefined {
  if (target.state === 'published' || target.state === 'deleted') {
    return {
      status: target.state === 'published' ? 'success' : 'deleted',
      id: target.networkPostId,
      postUrl: target.postUrl,
      platform: target.platform,
      ...(target.extra ?? {}),
    };
  }
  if (target.state === 'pending' || target.state === 'sending' || target.state === 'queued') {
    return { status: 'pending', id: 'pending', platform: target.platform };
  }
  return undefined;
}

/** Instagram codes that mean Meta's crawler could not fetch the media. */
const META_MEDIA_FETCH = new Set([440, 138]);

/**
 * Threads sends no detail with its 379, and the cause is usually the media fetch that
 * also failed Instagram in the same post: say so instead of leaving the user to guess.
 */
function threadsHint(target: TargetRecord, siblings: readonly TargetRecord[]): string | undefined {
  if (target.platform !== 'threads' || target.error?.code !== 379 || target.error.details) return undefined;
  const instagram = siblings.find((s) => s.platform === 'instagram' && s.state === 'failed');
  const code = instagram?.error?.code;
  if (code === undefined || !META_MEDIA_FETCH.has(code)) return undefined;
  return `Instagram failed in the same post with code ${code}: Meta's crawler could not fetch the media, which usually fails Threads too.`;
}

export function renderTargetError(
  target: TargetRecord,
  lang: string | undefined,
  siblings: readonly TargetRecord[] = [],
  postText?: string,
): ErrorBody | undefined {
  if ((target.state !== 'failed' && target.state !== 'unconfirmed') || !target.error) return undefined;
  const hint = threadsHint(target, siblings);
  return buildErrorBody(
    {
      ...target.error,
      platform: target.platform,
      ...(hint ? { details: hint } : {}),
      // Only bodies whose seed shape echoes the text (110) render it.
      ...(postText !== undefined ? { post: postText } : {}),
    },
    lang,
  );
}

function renderWarning(spec: ErrorSpec, lang: string | undefined): Record<string, unknown> {
  return {
    ...(spec.feature ? { feature: spec.feature } : {}),
    code: spec.code,
    message: messageOf(spec, lang),
    ...(spec.details ? { details: spec.details } : {}),
  };
}

/**
 * The POST /api/post envelope, computed from the targets only. A scheduled post
 * whose targets still wait answers `scheduled`.
 */
export function buildEnvelope(post: PostRecord, targets: readonly TargetRecord[], lang?: string): Envelope {
  const scheduledInFuture = post.scheduleDate !== null && post.scheduleDate.getTime() > Date.now();
  const errors = targets.flatMap((t): ErrorBody[] => {
    const body = renderTargetError(t, lang, targets, post.text);
    return body ? [body] : [];
  });
  const postIds = scheduledInFuture
    ? []
    : targets.flatMap((t): Record<string, unknown>[] => {
        const entry = postIdEntry(t);
        return entry ? [entry] : [];
      });
  const warnings = targets.flatMap((t) =>
    (t.warnings ?? []).map((w) => renderWarning({ ...w, platform: t.platform }, lang)),
  );
  return {
    status: rollupStatus(
      targets.map((t) => t.state),
      scheduledInFuture,
      holdOf(post),
    ),
    errors,
    postIds,
    id: post.id,
    post: post.text,
    ...(warnings.length > 0 ? { warnings } : {}),
    ...(post.scheduleDate ? { scheduleDate: post.scheduleDate.toISOString() } : {}),
  };
}

/**
 * HTTP status of a response carrying per-network errors: 200 without errors;
 * the errors' status when they all agree; 400 when they differ.
 */
export function envelopeHttpStatus(errorCodes: readonly number[]): number {
  if (errorCodes.length === 0) return 200;
  const statuses = new Set(errorCodes.map(httpStatusOf));
  return statuses.size === 1 ? ([...statuses][0] as number) : 400;
}

export function errorCodesOf(targets: readonly TargetRecord[]): number[] {
  return targets.flatMap((t) =>
    (t.state === 'failed' || t.state === 'unconfirmed') && t.error ? [t.error.code] : [],
  );
}
