import type { PostRequest } from '../../app/check-post.ts';
import { PostBody } from '../../http/schemas/post.ts';
import { errorGuide, NETWORK_CODES } from '../error-guide.ts';
import { failed, toolResult } from '../tool-result.ts';
import { defineTool } from './define.ts';
import { postHeadline } from './post-headline.ts';

/** The request-level codes of POST /api/post (the networks' own are NETWORK_CODES). */
export const POST_REQUEST_CODES = [604, 605, 608, 609, 610, 612, 618, 631, 633, 648, 649, 678];

export const postTool = defineTool<PostRequest>({
  name: 'post',
  title: 'Publish a post',
  schema: PostBody,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  description: `Publish a post to one or more of the profile's linked networks now, or at scheduleDate.
Validation first: this tool runs the validate_post dry run (every check Herald makes: each network's text limit, media reachability and format, option objects, linked accounts, schedule date) before anything is stored; if it finds a problem, nothing is posted and the result is that error. Only then is the post created and sent. An immediate post waits for the networks (30 s by default) and answers each one's outcome.
The answer's status: "success" (postIds holds each network's id and postUrl); "error" (errors[] holds one entry per failed network with its code; networks in postIds did publish and are never re-sent: call retry_post with the id to re-send only the failed ones); "pending" or "scheduled" (read it later with get_post).
Send an idempotencyKey (any unique string): calling post again with the same key and arguments after a lost answer returns the first answer and never posts twice.
${errorGuide([...NETWORK_CODES, ...POST_REQUEST_CODES])}`,
  async run(args, { backend }) {
    const checked = await backend.validatePost(args);
    if (failed(checked)) return toolResult(checked, 'Validation refused the post: nothing was posted.');
    const posted = await backend.createPost(args);
    return toolResult(posted, postHeadline(posted));
  },
});
