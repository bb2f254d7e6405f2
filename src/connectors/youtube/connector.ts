import { HeraldError } from '../../errors/herald-error.ts';
import { refreshFieldsOf } from '../shared/google-token.ts';
import type { Connector, ConnectorContext, DeleteInput, DeleteOutcome, VerifiedAccount } from '../types.ts';
import { youtubeAnalytics } from './analytics.ts';
import { youtubeComments } from './comments.ts';
import { youtubeDeclaration } from './declaration.ts';
import { classifyFailure, describeFailure, PLATFORM_NAME, YOUTUBE_ERRORS } from './errors.ts';
import { clientFor, publishWith, reconcileWith } from './publish.ts';
import { updateVideo } from './update-video.ts';
import { DEFAULT_CHUNK_BYTES } from './upload.ts';

function rejected(details: string): HeraldError {
  return new HeraldError({ code: 613, params: { platformName: PLATFORM_NAME }, details });
}

/** Links with a Google access token: the channel it owns is the account. */
async function verifyCredentials(
  raw: Record<string, unknown>,
  ctx: ConnectorContext,
): Promise<VerifiedAccount> {
  const client = clientFor(raw, ctx);
  if (!client) throw rejected('accessToken is required (a Google OAuth token with the youtube.upload scope)');
  const found = await client.channel();
  if (!found.ok) {
    const { failure } = found;
    if (failure.kind === 'network') {
      throw new HeraldError({ code: 625, params: { platformName: PLATFORM_NAME }, details: failure.reason });
    }
    // At link time any refusal means these credentials do not work.
    throw rejected(describeFailure(failure));
  }
  const channel = found.value;
  if (!channel) throw rejected('this Google account has no YouTube channel; create one first');
  // An expired token linked with refresh credentials was renewed above: keep the new one.
  const credentials: Record<string, unknown> = { accessToken: client.accessToken, ...refreshFieldsOf(raw) };
  return {
    externalId: channel.id,
    username: channel.customUrl ?? channel.title,
    displayName: channel.title,
    profileUrl: `https://www.youtube.com/channel/${channel.id}`,
    credentials,
  };
}

async function deleteVideo(input: DeleteInput, ctx: ConnectorContext): Promise<DeleteOutcome> {
  const client = clientFor(input.account.credentials, ctx);
  if (!client) {
    const details = 'the stored credentials have no accessToken';
    return {
      kind: 'failed',
      error: { code: 623, platform: 'youtube', params: { platformName: PLATFORM_NAME }, details },
    };
  }
  const deleted = await client.deleteVideo(input.id);
  return deleted.ok ? { kind: 'deleted' } : { kind: 'failed', error: classifyFailure(deleted.failure).spec };
}

/** `chunkBytes` (a multiple of 256 KiB) is a parameter so tests can upload in several chunks. */
export function createYoutubeConnector(options: { chunkBytes?: number } = {}): Connector {
  const publish = publishWith(options.chunkBytes ?? DEFAULT_CHUNK_BYTES);
  return {
    declaration: youtubeDeclaration,
    errorTable: YOUTUBE_ERRORS,
    verifyCredentials,
    publish,
    reconcile: reconcileWith(publish),
    delete: deleteVideo,
    comments: youtubeComments,
    analytics: youtubeAnalytics,
    updateMetadata: updateVideo,
  };
}

export const youtubeConnector = createYoutubeConnector();
