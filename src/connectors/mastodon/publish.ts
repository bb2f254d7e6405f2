import type { ErrorSpec } from '../../errors/build.ts';
import type { ConnectorContext, PublishInput, PublishOutcome, ReconcileOutcome } from '../types.ts';
import { MastodonClient, type MastodonStatus } from './client.ts';
import { parseCredentials } from './credentials.ts';
import { failedOutcome, PLATFORM_NAME } from './errors.ts';
import { uploadMedia } from './media.ts';
import { loadProgress, type MastodonProgress, progressRecord, saveProgress } from './progress.ts';
import type { MastodonFailure } from './wire.ts';

/**
 * Publishing never posts twice. Every status request carries an Idempotency-Key
 * derived from the target id; the instance remembers it for one hour and answers a
 * repeat with the status it created the first time. So a status request whose answer
 * was lost may be re-sent, with the same key, while that hour lasts. Herald records
 * when such a request first left (`statusSentAt`, saved before it leaves) and re-sends
 * only inside KEY_WINDOW_MS of it. Past that window nothing can tell whether the status
 * exists (Mastodon has no lookup by key), so the target becomes unconfirmed and is sent
 * again only on an explicit retry of unconfirmed targets.
 */

/** The instance keeps keys 3,600 s from the status's creation, which follows `statusSentAt`; 5 min spare. */
export const KEY_WINDOW_MS = 55 * 60_000;
/**
 * Mastodon checks the Idempotency-Key before creating a status and records it after:
 * two requests with one key running at once can both create. A request that got no
 * answer may still be running on a slow instance (behind a proxy that gave up), so the
 * same key is sent again only this long after the last send, when that one has ended.
 */
export const SETTLE_MS = 60_000;

/** How long until a re-send cannot race the last request; 0 when it may go now. */
export function settleLeft(progress: MastodonProgress, nowMs: number): number {
  const last = Date.parse(progress.lastSentAt ?? '');
  return Number.isFinite(last) ? Math.max(0, last + SETTLE_MS - nowMs) : 0;
}

export function idempotencyKey(targetId: string): string {
  return `herald-${targetId}`;
}

type Prepared = { client: MastodonClient; instance: string } | { kind: 'failed'; error: ErrorSpec };

export function clientFor(raw: Readonly<Record<string, unknown>>, ctx: ConnectorContext): Prepared {
  const credentials = parseCredentials(raw);
  const params = { platformName: PLATFORM_NAME };
  if (typeof credentials === 'string') {
    return { kind: 'failed', error: { code: 623, platform: 'mastodon', params, details: credentials } };
  }
  // Never the plain fetch: the instance is a URL the user typed (SSRF).
  if (!ctx.fetchUserServer) {
    const details = 'this Herald process gives connectors no safe fetcher for user-named servers';
    return { kind: 'failed', error: { code: 621, platform: 'mastodon', params, details } };
  }
  const client = new MastodonClient(
    credentials.instance,
    credentials.accessToken,
    ctx.fetchUserServer,
    ctx.signal,
  );
  return { client, instance: credentials.instance };
}

export function statusBody(input: PublishInput, mediaIds: readonly string[]): Record<string, unknown> {
  const { visibility, spoilerText, sensitive } = input.options;
  return {
    status: input.text,
    ...(mediaIds.length > 0 ? { media_ids: [...mediaIds] } : {}),
    ...(typeof visibility === 'string' ? { visibility } : {}),
    ...(typeof spoilerText === 'string' && spoilerText !== '' ? { spoiler_text: spoilerText } : {}),
    ...(typeof sensitive === 'boolean' ? { sensitive } : {}),
  };
}

/** The created status, with the progress its settle keeps (sendStatus saves none after a 2xx). */
function published(
  status: MastodonStatus,
  instance: string,
  input: PublishInput,
  progress: MastodonProgress,
): PublishOutcome {
  const url =
    status.url && /^https?:\/\//.test(status.url)
      ? status.url
      : `${instance}/@${input.account.username}/${status.id}`;
  return {
    kind: 'published',
    id: status.id,
    postUrl: url,
    progress: progressRecord(input.targetId, progress),
  };
}

function expired(sentAt: string, nowMs: number): boolean {
  return !(nowMs - Date.parse(sentAt) < KEY_WINDOW_MS);
}

function windowClosed(sentAt: string): string {
  return `a status request left at ${sentAt} without a definite answer, and the instance forgets its Idempotency-Key after an hour: check the account before retrying`;
}

/**
 * Whether an error answer proves the status request created nothing: a 422 always
 * (the instance checks the key before validating, so it holds no status for it), and
 * on a first send any 4xx (refused before the status was written) or a connection
 * never made. A re-send's 401 or 429 proves nothing about the first request.
 */
function createdNothing(failure: MastodonFailure, firstSend: boolean): boolean {
  if (failure.kind === 'mastodon') {
    return failure.status === 422 || (firstSend && failure.status >= 400 && failure.status < 500);
  }
  return firstSend && (failure.kind === 'refused' || !failure.mayHaveArrived);
}

/**
 * Whether the instance itself answered: a status, or a 4xx. No answer, or a 5xx (often
 * a proxy that gave up while the instance still works), may leave the request running.
 */
function requestEnded(answer: Awaited<ReturnType<MastodonClient['postStatus']>>): boolean {
  if (answer.ok) return true;
  return answer.failure.kind === 'mastodon' && answer.failure.status < 500;
}

/** Sends (or re-sends, same key) the status; `statusSentAt` is on record before it leaves. */
async function sendStatus(
  input: PublishInput,
  client: MastodonClient,
  progress: MastodonProgress,
  ctx: ConnectorContext,
  nowMs: number,
) {
  const firstSend = !progress.statusSentAt;
  // On record before it leaves: a crash from here on is reconciled, never re-sent blind.
  progress.statusSentAt ??= new Date(nowMs).toISOString();
  progress.lastSentAt = new Date(nowMs).toISOString();
  await saveProgress(ctx, input.targetId, progress);
  const media = progress.media.map((item) => item.id);
  const answer = await client.postStatus(statusBody(input, media), idempotencyKey(input.targetId));
  if (!answer.ok && createdNothing(answer.failure, firstSend)) {
    // Nothing to reconcile. After a 422 the media may be the cause: upload them afresh.
    const is422 = answer.failure.kind === 'mastodon' && answer.failure.status === 422;
    await saveProgress(ctx, input.targetId, { media: is422 ? [] : progress.media });
  } else if (requestEnded(answer)) {
    // The instance answered itself: nothing of this request is still running there. A
    // created status is settled with this progress (published() carries it to the settle's
    // statement); an error answer saves it now.
    delete progress.lastSentAt;
    if (!answer.ok) await saveProgress(ctx, input.targetId, progress);
  }
  return answer;
}

export async function publishStatus(
  input: PublishInput,
  ctx: ConnectorContext,
  nowMs = Date.now(),
): Promise<PublishOutcome> {
  const prepared = clientFor(input.account.credentials, ctx);
  if ('kind' in prepared) return prepared;
  const { client, instance } = prepared;
  const progress = loadProgress(ctx, input.targetId);
  if (progress.statusSentAt && expired(progress.statusSentAt, nowMs)) {
    return { kind: 'unknown', reason: windowClosed(progress.statusSentAt) };
  }
  // An earlier request may still be running: the core reconciles, which waits for it.
  if (progress.statusSentAt && settleLeft(progress, nowMs) > 0) {
    return { kind: 'unknown', reason: 'an earlier status request may still be running on the instance' };
  }
  // Once a status request has left, its media are those it named: re-sent unchanged.
  if (!progress.statusSentAt) {
    const media = await uploadMedia(input, client, progress, ctx, nowMs);
    if (media.kind === 'failed') return media;
  }
  const answer = await sendStatus(input, client, progress, ctx, nowMs);
  if (answer.ok) return published(answer.value, instance, input, progress);
  const { failure } = answer;
  // No answer: the status may exist. Reconciliation re-sends it with the same key.
  if (failure.kind === 'network' && failure.mayHaveArrived)
    return { kind: 'unknown', reason: failure.reason };
  // A 5xx or 429 retried later re-sends the same key: safe inside the window.
  return failedOutcome(failure, nowMs);
}

/**
 * After a lost answer or a crash: nothing on record means no status request ever left
 * (the mark is saved first), so it is certainly not there. Inside the window the same
 * key is sent again: the instance answers the status it holds, or creates it now,
 * once either way. Past the window the mark is dropped (with the media it named) and
 * the outcome stays unknown: the core marks the target unconfirmed, and only an
 * explicit retry of unconfirmed targets sends it again, as a new request.
 */
export async function reconcileStatus(
  input: PublishInput,
  ctx: ConnectorContext,
  nowMs = Date.now(),
): Promise<ReconcileOutcome> {
  const progress = loadProgress(ctx, input.targetId);
  if (!progress.statusSentAt) return { kind: 'not-found' };
  if (expired(progress.statusSentAt, nowMs)) {
    await saveProgress(ctx, input.targetId, { media: [] });
    return { kind: 'unknown', reason: windowClosed(progress.statusSentAt) };
  }
  const wait = settleLeft(progress, nowMs);
  if (wait > 0)
    return {
      kind: 'ask-later',
      afterMs: wait,
      reason: 'the lost request may still be running on the instance',
    };
  const prepared = clientFor(input.account.credentials, ctx);
  if ('kind' in prepared) return { kind: 'unknown', reason: prepared.error.details ?? 'no client' };
  const answer = await sendStatus(input, prepared.client, progress, ctx, nowMs);
  if (answer.ok) return published(answer.value, prepared.instance, input, progress);
  const { failure } = answer;
  if (failure.kind === 'mastodon' && failure.status === 422) return { kind: 'not-found' };
  const reason =
    failure.kind === 'mastodon'
      ? `the re-sent status got HTTP ${failure.status}: ${failure.message}`
      : failure.reason;
  return { kind: 'unknown', reason };
}
