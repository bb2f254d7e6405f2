import type { ErrorSpec } from '../../errors/build.ts';
import { clientFor, readGraphAccount, verifyGraphAccount } from '../shared/graph-account.ts';
import { stringField } from '../shared/graph-client.ts';
import { unreachableSpec } from '../shared/graph-errors.ts';
import { type ContainerTiming, DEFAULT_TIMING, publishWithContainers } from '../shared/graph-publish.ts';
import { reconcileContainerPost } from '../shared/graph-reconcile.ts';
import type {
  Connector,
  ConnectorContext,
  DeleteInput,
  DeleteOutcome,
  PublishInput,
  PublishOutcome,
} from '../types.ts';
import { instagramAnalytics } from './analytics.ts';
import { instagramComments } from './comments.ts';
import { instagramDeclaration } from './declaration.ts';
import { classifyAnswer, INSTAGRAM_ERRORS, instagramSpec, PLATFORM_NAME } from './errors.ts';
import { CREDENTIALS, INSTAGRAM_NETWORK } from './network.ts';

/** Only Facebook Login's host deletes Instagram media; graph.instagram.com answers "Unsupported delete request". */
const NO_DELETE_HOSTS = new Set(['graph.instagram.com']);

function deleteRefused(details: string): DeleteOutcome {
  const error: ErrorSpec = {
    code: 619,
    platform: 'instagram',
    params: { platformName: PLATFORM_NAME },
    details,
  };
  return { kind: 'failed', error };
}

async function deleteMedia(input: DeleteInput, ctx: ConnectorContext): Promise<DeleteOutcome> {
  if (NO_DELETE_HOSTS.has(new URL(ctx.baseUrl).hostname))
    return deleteRefused('Instagram deletes media only through graph.facebook.com (Facebook Login).');
  const account = readGraphAccount(input.account.credentials, CREDENTIALS);
  if (typeof account === 'string') return { kind: 'failed', error: instagramSpec({ code: 623 }, account) };
  const answer = await clientFor(account, ctx).delete([input.id]);
  if (answer.ok) return { kind: 'deleted' };
  const { failure } = answer;
  if (failure.kind === 'network')
    return { kind: 'failed', error: unreachableSpec('instagram', PLATFORM_NAME, failure.reason) };
  const classified = classifyAnswer(failure);
  // 2207085 from this endpoint was a server-side "Fatal", not a relink signal: report Meta's words.
  if (classified.row.maps.variant === 'relink' && classified.signal.subcode === 2207085)
    return { kind: 'failed', error: instagramSpec({ code: 621 }, classified.words) };
  return { kind: 'failed', error: classified.spec };
}

/** Refused before any call: the declaration's rules, and a post without media. */
function publishInstagram(
  input: PublishInput,
  ctx: ConnectorContext,
  timing: ContainerTiming,
): Promise<PublishOutcome> {
  const [problem] = instagramDeclaration.validate?.(input) ?? [];
  if (problem) return Promise.resolve({ kind: 'failed', error: problem });
  if (input.media.length === 0) {
    const params = { platformName: PLATFORM_NAME, reason: 'a post needs at least one image or video' };
    return Promise.resolve({ kind: 'failed', error: { code: 136, platform: 'instagram', params } });
  }
  return publishWithContainers(INSTAGRAM_NETWORK, input, ctx, timing);
}

/** The Instagram connector; `timing` is a parameter so tests can shorten the container polling. */
export function createInstagramConnector(timing: ContainerTiming = DEFAULT_TIMING): Connector {
  return {
    declaration: instagramDeclaration,
    errorTable: INSTAGRAM_ERRORS,
    analytics: instagramAnalytics,
    verifyCredentials: (credentials, ctx) =>
      verifyGraphAccount(credentials, ctx, {
        platform: 'instagram',
        platformName: PLATFORM_NAME,
        names: CREDENTIALS,
        fields: 'id,username,name',
        table: INSTAGRAM_ERRORS,
        rejects: (spec) => spec.code === 623 || spec.variant === 'relink',
        profile: (body, account) => {
          const username = stringField(body, 'username') ?? account.id;
          return {
            username,
            displayName: stringField(body, 'name') ?? username,
            profileUrl: `https://www.instagram.com/${username}/`,
          };
        },
      }),
    publish: (input, ctx) => publishInstagram(input, ctx, timing),
    reconcile: (input, ctx) => reconcileContainerPost(INSTAGRAM_NETWORK, input, ctx),
    delete: deleteMedia,
    comments: instagramComments,
  };
}

export const instagramConnector: Connector = createInstagramConnector();
