import type { PostRecord, TargetRecord } from '../db/posts.ts';
import { type ErrorSpec, httpStatusOf, messageOf } from '../errors/build.ts';
import type { Platform } from '../platforms.ts';
import { buildEnvelope, envelopeHttpStatus, errorCodesOf } from '../posts/envelope.ts';
import type { TargetState } from '../posts/target-state.ts';
import type { WebhookActionName } from './actions.ts';

/**
 * The JSON a receiver gets, built once from what the emitting transaction captured
 * (`data`) and frozen as the event's body: every attempt sends the same bytes.
 * Field order follows Ayrshare's examples; Herald's additions come after theirs.
 */

export interface EventForPayload {
  id: string;
  action: string;
  subAction: string | null;
  data: Record<string, unknown>;
}

/** What herald_webhook_post_data() captures (src/db/migrations/008_webhooks.sql). */
export interface PostEventData {
  post: {
    id: string;
    text: string;
    type: 'now' | 'scheduled';
    scheduleDate: string | null;
    createdAt: string;
  };
  refId: string;
  at: string;
  targets: {
    id: string;
    platform: Platform;
    state: TargetState;
    attempts: number;
    networkPostId: string | null;
    postUrl: string | null;
    extra: Record<string, unknown> | null;
    error: ErrorSpec | null;
    warnings: ErrorSpec[] | null;
  }[];
}

/** What a `social` event carries (see emitSocial). */
export interface SocialEventData {
  type: 'link' | 'unlink' | 'refresh';
  /** `user`: the user did it; `system`: Herald did (e.g. a refresh that failed for good). */
  source: 'user' | 'system';
  platform: Platform;
  displayName: string;
  refId: string;
  at: string;
  /** The catalog error behind a refresh failure or a system unlink. */
  details?: ErrorSpec;
  refreshBy?: string;
}

/** Ayrshare prints times to the second: `2023-01-05T01:18:47Z`. */
function seconds(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 19)}Z`;
}

function asRecords(data: PostEventData): { post: PostRecord; targets: TargetRecord[] } {
  const post: PostRecord = {
    id: data.post.id,
    profileId: '',
    text: data.post.text,
    platforms: data.targets.map((t) => t.platform),
    mediaUrls: [],
    isVideo: false,
    options: {},
    // The outcome is final when it is reported: never rendered as "still scheduled".
    scheduleDate: null,
    type: data.post.type,
    idempotencyKey: null,
    requestHash: null,
    firstResponse: null,
    firstStatus: null,
    cancelledAt: null,
    createdAt: new Date(data.post.createdAt),
    autoFix: null,
    // The lifecycle's holds are over once an outcome is reported.
    notes: null,
    paused: false,
    requiresApproval: false,
    approvedAt: null,
    dueAt: new Date(data.post.createdAt),
    autoSchedule: null,
    shortenLinks: false,
  };
  const targets = data.targets.map(
    (t): TargetRecord => ({
      id: t.id,
      postId: data.post.id,
      platform: t.platform,
      accountId: null,
      // The network's own text (shortenLinks) is not part of an outcome.
      text: null,
      state: t.state,
      attempts: t.attempts,
      networkPostId: t.networkPostId,
      postUrl: t.postUrl,
      extra: t.extra,
      error: t.error,
      warnings: t.warnings,
      nextAttemptAt: null,
      leaseUntil: null,
      publishedAt: null,
      progress: null,
      updatedAt: new Date(data.at),
    }),
  );
  return { post, targets };
}

function postPayload(event: EventForPayload, url: string): Record<string, unknown> {
  const data = event.data as unknown as PostEventData;
  const { post, targets } = asRecords(data);
  const envelope = buildEnvelope(post, targets);
  return {
    action: event.action,
    ...(event.subAction ? { subAction: event.subAction } : {}),
    created: seconds(data.at),
    code: envelopeHttpStatus(errorCodesOf(targets)),
    refId: data.refId,
    status: envelope.status,
    id: post.id,
    errors: envelope.errors,
    postIds: envelope.postIds,
    url,
    hookId: event.id,
    type: post.type,
    // Each network's state: `unconfirmed` is reported as such (its 626 body is in errors).
    targets: targets.map((t) => ({ platform: t.platform, state: t.state, attempts: t.attempts })),
    ...(envelope.warnings ? { warnings: envelope.warnings } : {}),
  };
}

function socialPayload(event: EventForPayload): Record<string, unknown> {
  const data = event.data as unknown as SocialEventData;
  return {
    action: 'social',
    created: seconds(data.at),
    code: data.details ? httpStatusOf(data.details.code) : 200,
    ...(data.details
      ? { details: { status: 'error', code: data.details.code, message: messageOf(data.details) } }
      : {}),
    displayName: data.displayName,
    hookId: event.id,
    platform: data.platform,
    refId: data.refId,
    ...(data.refreshBy ? { refreshBy: data.refreshBy } : {}),
    type: data.type,
    source: data.source,
  };
}

type Renderer = (event: EventForPayload, url: string) => Record<string, unknown>;

/** One renderer per action Herald sends (actions.ts lists them). */
const RENDERERS: Partial<Record<WebhookActionName, Renderer>> = {
  scheduled: postPayload,
  immediate: postPayload,
  social: socialPayload,
};

export function renderBody(event: EventForPayload, url: string): string {
  const render = RENDERERS[event.action as WebhookActionName];
  if (!render) throw new Error(`no webhook payload for action ${event.action}`);
  return JSON.stringify(render(event, url));
}
