import type { AppContext } from '../app/context.ts';
import { encryptJson } from '../config/secrets.ts';
import type { Profile } from '../db/profiles.ts';
import { upsertWebhook } from '../db/webhooks.ts';
import { HeraldError } from '../errors/herald-error.ts';
import { systemResolver } from '../media/url-decision.ts';
import {
  isWebhookAction,
  SENT_ACTIONS,
  WEBHOOK_ACTIONS,
  type WebhookAction,
  type WebhookActionName,
} from './actions.ts';
import { generateSecret, secretProblem } from './signing.ts';
import { webhookUrlProblem } from './url-check.ts';

/** The action named by a request: Herald's or Ayrshare's (604 otherwise), and one Herald sends (670). */
export function sentAction(action: string): WebhookActionName {
  if (!isWebhookAction(action)) {
    throw new HeraldError({
      code: 604,
      params: { problem: `action must be one of ${Object.keys(WEBHOOK_ACTIONS).join(', ')}` },
    });
  }
  const entry: WebhookAction = WEBHOOK_ACTIONS[action];
  if (entry.missing !== undefined) {
    throw new HeraldError({
      code: 670,
      params: { action, reason: entry.missing, sent: SENT_ACTIONS.join(', ') },
    });
  }
  return action;
}

/**
 * POST /api/hook/webhook. Without a secret Herald makes one (`whsec_…`) and answers it
 * this once; with one, it is kept as given. Either way it is stored sealed and never
 * shown again. Re-registering an action moves its URL and keeps its secret unless a
 * new one is given.
 */
export async function registerWebhook(
  app: AppContext,
  profile: Profile,
  input: { action: string; url: string; secret?: string | undefined },
): Promise<Record<string, unknown>> {
  const action = sentAction(input.action);
  const problem = await webhookUrlProblem(input.url, {
    production: app.config.mode === 'production',
    allow: app.config.media.allow,
    resolve: app.resolve ?? systemResolver,
  });
  if (problem) throw new HeraldError({ code: 671, params: { reason: problem } });
  const given = input.secret === undefined || input.secret === '' ? undefined : input.secret;
  const secretIssue = given === undefined ? undefined : secretProblem(given);
  if (secretIssue) throw new HeraldError({ code: 604, params: { problem: secretIssue } });
  const secret = given ?? generateSecret();
  const { webhook, created } = await upsertWebhook(app.pool, {
    profileId: profile.id,
    action,
    url: input.url,
    sealedSecret: encryptJson(app.secretKey, secret),
    replaceSecret: given !== undefined,
  });
  // Shown once: a generated secret the caller has never seen (a kept one it already knows).
  const reveal = given === undefined && created;
  app.log.info({ profileId: profile.id, action, created }, 'webhook registered');
  return {
    status: 'success',
    action,
    url: webhook.url,
    refId: profile.refId,
    ...(reveal ? { secret } : {}),
  };
}
