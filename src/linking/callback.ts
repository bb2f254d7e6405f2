import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../app/context.ts';
import { DECLARATIONS } from '../connectors/declarations.ts';
import { consumeState } from '../db/link-flows.ts';
import { HeraldError } from '../errors/herald-error.ts';
import type { Platform } from '../platforms.ts';
import { finishInstance } from './instance-flow.ts';
import { finishOAuth1 } from './oauth1-flow.ts';
import { finishOAuth2, stateHash } from './oauth2-flow.ts';
import { sessionOfRequest } from './page-session.ts';
import { LINKING } from './registry.ts';

export type LinkingOutcome =
  | { kind: 'linked'; sessionId: string }
  | { kind: 'choose'; sessionId: string; flowId: string };

/**
 * A network's answer, whatever the network: the flow is found by its state (used
 * once, unexpired, of this network), then it must belong to the page whose cookie this
 * browser holds. Any mismatch is 661, and nothing is exchanged.
 */
export async function finishLinking(
  app: AppContext,
  request: FastifyRequest,
  platform: Platform,
  query: URLSearchParams,
): Promise<LinkingOutcome> {
  const platformName = DECLARATIONS[platform].name;
  const wrongState = new HeraldError({ code: 661, platform, params: { platformName } });
  const linking = LINKING[platform];
  // OAuth 1.0a (X) names its flow by the request token (`denied` carries it on a cancel).
  const state =
    linking?.kind === 'oauth1' ? (query.get('oauth_token') ?? query.get('denied')) : query.get('state');
  if (!linking || linking.kind === 'form' || !state) throw wrongState;
  const flow = await consumeState(app.pool, stateHash(state), platform);
  if (!flow) throw wrongState;
  const page = await sessionOfRequest(app, request.cookies, flow.sessionId);
  if (!page || page.profile.id !== flow.profileId) throw wrongState;
  request.connectBack = `${app.config.publicUrl}/connect/${page.session.id}`;
  const linked = { kind: 'linked' as const, sessionId: page.session.id };
  if (linking.kind === 'oauth1') {
    await finishOAuth1(app, page, flow, linking, query);
    return linked;
  }
  if (linking.kind === 'instance') {
    await finishInstance(app, page, flow, query, state);
    return linked;
  }
  const result = await finishOAuth2(app, page, flow, linking, query, state);
  return result.kind === 'choose'
    ? { kind: 'choose', sessionId: page.session.id, flowId: result.flowId }
    : linked;
}
