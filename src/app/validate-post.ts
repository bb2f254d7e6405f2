import type { Profile } from '../db/profiles.ts';
import { buildErrorBody } from '../errors/build.ts';
import { checkPost, type PostRequest } from './check-post.ts';
import type { AppContext } from './context.ts';
import { captionFailureReply, refusal } from './create-post.ts';
import type { Reply } from './post-responses.ts';
import type { RequestSecrets } from './request-secrets.ts';

export const NO_ISSUES =
  'No validation issues were found with this post. This is only a Herald validation test and the post may still return an error by the social networks.';

/**
 * POST /api/validate/post, the dry run: the same checks as POST /api/post (checkPost),
 * media checks included even for an immediate post, and nothing after them: no row is
 * written, no job added, no network called. A network not linked is a warning (156),
 * as Ayrshare answers; anything else answers what POST /api/post would refuse with.
 */
export async function validatePost(
  app: AppContext,
  profile: Profile,
  body: PostRequest,
  lang: string | undefined,
  requestSecrets: RequestSecrets,
): Promise<Reply> {
  const checked = await checkPost(app, profile, body, requestSecrets, { mediaAlways: true });
  const warnings = checked.problems.filter((p) => p.code === 156).map((p) => buildErrorBody(p, lang));
  const withWarnings = (reply: Reply): Reply =>
    warnings.length > 0 ? { ...reply, body: { ...reply.body, warnings } } : reply;
  const errors = checked.problems.filter((p) => p.code !== 156);
  if (errors.length > 0)
    return withWarnings(refusal([...errors, ...checked.captionFailures.map((f) => f.error)], lang));
  if (checked.captionFailures.length > 0)
    return withWarnings(
      checked.planned.length === 0
        ? captionFailureReply(checked.captionFailures, lang)
        : refusal(
            checked.captionFailures.map((f) => f.error),
            lang,
          ),
    );
  return withWarnings({ status: 200, body: { status: 'success', message: NO_ISSUES } });
}
