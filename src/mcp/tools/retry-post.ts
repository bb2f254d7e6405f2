import type { Static } from 'typebox';
import { RetryBody } from '../../http/schemas/post.ts';
import { errorGuide, NETWORK_CODES } from '../error-guide.ts';
import { toolResult } from '../tool-result.ts';
import { defineTool } from './define.ts';
import { postHeadline } from './post-headline.ts';

export const retryPostTool = defineTool<Static<typeof RetryBody>>({
  name: 'retry_post',
  title: 'Retry the failed networks of a post',
  schema: RetryBody,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  description: `Re-send a post to the networks that failed, and only those: a network that published is never re-sent, so calling this again never posts twice. Use it when an error's advice says to retry (after the wait it gives). A network whose outcome is unknown (626, "unconfirmed": the network may have the post) is re-sent only with includeUnconfirmed: true; check the account on the network first.
The answer is the post's envelope, as post answers it.
${errorGuide([...NETWORK_CODES, 604, 607, 615, 631])}`,
  async run(args, { backend }) {
    const reply = await backend.retryPost(args);
    return toolResult(reply, postHeadline(reply));
  },
});
