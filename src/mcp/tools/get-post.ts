import type { Static } from 'typebox';
import { PostIdParams } from '../../http/schemas/post.ts';
import { errorGuide } from '../error-guide.ts';
import { toolResult } from '../tool-result.ts';
import { defineTool } from './define.ts';

export const getPostTool = defineTool<Static<typeof PostIdParams>>({
  name: 'get_post',
  title: 'Get a post',
  schema: PostIdParams,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  description: `One post of this profile by its id: its status ("success", "error", "pending", "scheduled", "paused", "awaiting approval", "deleted"), errors[] (each failed network with its code), postIds (each published network's id and postUrl) and targets (each network's state: queued, sending, published, failed, pending, unconfirmed, and its attempts). Use it to follow a pending or scheduled post. A post of another profile is not found (607).
${errorGuide([604, 607, 631])}`,
  async run(args, { backend }) {
    const reply = await backend.getPost(args.id);
    const status = reply.body.status;
    return toolResult(reply, reply.status === 200 ? `Post ${args.id}: ${String(status)}.` : undefined);
  },
});
