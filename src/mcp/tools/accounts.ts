import { Type } from 'typebox';
import { errorGuide } from '../error-guide.ts';
import { toolResult } from '../tool-result.ts';
import { defineTool } from './define.ts';

// GET /api/user takes no parameter.
const NoArgs = Type.Object({});

export const accountsTool = defineTool<Record<string, never>>({
  name: 'list_accounts',
  title: 'Linked accounts',
  schema: NoArgs,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  description: `The profile this connection acts as and the networks it can post to: activeSocialAccounts (the platform names post takes) and, for each account, its display name, username, profile URL, sandbox: true for a simulated account, and its health (status "ok", "expiring" with refreshDaysRemaining, or "needs-relink" with the reason: post refuses such an account until it is linked again). Call it before post to pick platforms.
${errorGuide([604, 631])}`,
  async run(_args, { backend }) {
    const reply = await backend.user(undefined);
    const platforms = reply.body.activeSocialAccounts;
    return toolResult(
      reply,
      Array.isArray(platforms)
        ? `Linked: ${platforms.length > 0 ? platforms.join(', ') : 'none'}.`
        : undefined,
    );
  },
});
