import type { Static } from 'typebox';
import { MediaVerifyBody } from '../../http/schemas/media.ts';
import { errorGuide } from '../error-guide.ts';
import { toolResult } from '../tool-result.ts';
import { defineTool } from './define.ts';

export const verifyMediaTool = defineTool<Static<typeof MediaVerifyBody>>({
  name: 'verify_media',
  title: 'Check a media URL as the networks will fetch it',
  schema: MediaVerifyBody,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  description: `Fetch a media URL the way each network's crawler will (Instagram, Threads and Facebook fetch with facebookexternalhit, Pinterest, TikTok, Google...): robots.txt for that crawler's user agent and the rule that decided, the HTTP status, the type read from the bytes, a signed URL's expiry against scheduleDate; for each crawler a verdict and the fix. Use it before posting media to a network that fetches by URL, or after an error 440, 379 or 650. Nothing is stored or posted.
${errorGuide([604, 605, 609, 610, 631, 633])}`,
  async run(args, { backend }) {
    return toolResult(await backend.verifyMedia(args));
  },
});
