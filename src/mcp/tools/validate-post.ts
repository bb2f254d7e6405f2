import type { PostRequest } from '../../app/check-post.ts';
import { PostBody } from '../../http/schemas/post.ts';
import { errorGuide } from '../error-guide.ts';
import { failed, toolResult } from '../tool-result.ts';
import { defineTool } from './define.ts';
import { POST_REQUEST_CODES } from './post.ts';

/** What validation can refuse, network by network, before anything is sent. */
const VALIDATION_CODES = [132, 136, 138, 156, 419, 440, 447, 448, 449, 450, 451, 620, 650, 651];

export const validatePostTool = defineTool<PostRequest>({
  name: 'validate_post',
  title: 'Validate a post (dry run)',
  schema: PostBody,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  description: `Dry run of post with the same arguments: every check Herald makes before publishing (each network's text limit as that network counts it, media fetched and checked as each network's crawler will fetch it, option objects, linked accounts, schedule date), and nothing else: nothing is stored, no network is called.
The answer: status "success" with a message when the post would be accepted (a network that is not linked is only a warning here, 156, but post refuses it); otherwise the same errors post would answer, one entry per network in errors[], each with its code. The networks themselves may still refuse at publish time (duplicates, rate limits, account state).
${errorGuide([...VALIDATION_CODES, ...POST_REQUEST_CODES])}`,
  async run(args, { backend }) {
    const reply = await backend.validatePost(args);
    return toolResult(
      reply,
      failed(reply) ? 'Herald would refuse this post.' : 'Herald would accept this post.',
    );
  },
});
