import { HeraldError } from '../../errors/herald-error.ts';
import type { Connector, ConnectorContext, DeleteInput, DeleteOutcome, VerifiedAccount } from '../types.ts';
import { pinterestAnalytics } from './analytics.ts';
import { pinterestDeclaration } from './declaration.ts';
import { classifyError, PINTEREST_ERRORS, PLATFORM_NAME, unreachableSpec } from './errors.ts';
import { clientFor, publishPin } from './publish.ts';
import { DEFAULT_VIDEO_TIMING, type VideoTiming } from './video.ts';
import type { PinterestFailure } from './wire.ts';

function rejected(details: string): HeraldError {
  return new HeraldError({ code: 613, params: { platformName: PLATFORM_NAME }, details });
}

/** At link time a refusal means these credentials (or this board) are wrong, not that a relink is due. */
function linkFailure(failure: PinterestFailure): HeraldError {
  if (failure.kind === 'network') return new HeraldError(unreachableSpec(failure.reason));
  const { spec } = classifyError(failure);
  if (spec.code === 623 || spec.code === 622) return rejected(spec.details ?? failure.message);
  return new HeraldError(spec);
}

/** The token's account (`GET /v5/user_account`), then the default board it will pin to. */
async function verifyCredentials(
  raw: Record<string, unknown>,
  ctx: ConnectorContext,
): Promise<VerifiedAccount> {
  const client = clientFor(raw, ctx, { renew: false });
  if (typeof client === 'string') throw rejected(client);
  const boardId = typeof raw.boardId === 'string' ? raw.boardId.trim() : '';
  if (!boardId) throw rejected('boardId is required');
  const user = await client.userAccount();
  if (!user.ok) throw linkFailure(user.failure);
  const board = await client.board(boardId);
  if (!board.ok) throw linkFailure(board.failure);
  const { username, id, businessName } = user.value;
  return {
    externalId: id ?? username,
    username,
    displayName: businessName ?? username,
    profileUrl: `https://www.pinterest.com/${encodeURIComponent(username)}/`,
    credentials: { accessToken: String(raw.accessToken).trim(), boardId },
  };
}

/** DELETE /v5/pins/{id} → 204. A pin already gone (404, code 50) counts as deleted. */
async function deletePin(input: DeleteInput, ctx: ConnectorContext): Promise<DeleteOutcome> {
  const client = clientFor(input.account.credentials, ctx);
  if (typeof client === 'string') {
    return {
      kind: 'failed',
      error: { code: 623, platform: 'pinterest', params: { platformName: PLATFORM_NAME }, details: client },
    };
  }
  const deleted = await client.deletePin(input.id);
  if (deleted.ok) return { kind: 'deleted' };
  const { failure } = deleted;
  if (failure.kind === 'network') return { kind: 'failed', error: unreachableSpec(failure.reason) };
  if (failure.status === 404 && (failure.code === undefined || failure.code === 50))
    return { kind: 'deleted' };
  return { kind: 'failed', error: classifyError(failure).spec };
}

/** A Pinterest connector; tests shorten the video status polling. */
export function createPinterestConnector(timing: VideoTiming = DEFAULT_VIDEO_TIMING): Connector {
  return {
    declaration: pinterestDeclaration,
    errorTable: PINTEREST_ERRORS,
    analytics: pinterestAnalytics,
    verifyCredentials,
    publish: (input, ctx) => publishPin(input, ctx, timing),
    delete: deletePin,
  };
}

export const pinterestConnector: Connector = createPinterestConnector();
