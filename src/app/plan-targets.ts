import { DECLARATIONS } from '../connectors/declarations.ts';
import type { MediaItem, PublishInput } from '../connectors/types.ts';
import type { AccountRecord } from '../db/accounts.ts';
import type { ErrorSpec } from '../errors/build.ts';
import { checkMediaAhead } from '../media/check-media-ahead.ts';
import type { Platform } from '../platforms.ts';
import { validateTarget } from '../posts/validate-target.ts';
import type { AppContext } from './context.ts';
import { type RequestSecrets, secretsFor } from './request-secrets.ts';

export interface PlannedTarget {
  platform: Platform;
  account: AccountRecord;
  options: Record<string, unknown>;
  input: PublishInput;
}

/**
 * Everything Herald checks about a post's networks before it is stored, one network
 * at a time: linked account, option object, text and media rules (validateTarget).
 * POST /api/post runs it on a new post and PATCH /api/post on an edited one, so an
 * edit is held to exactly the rules of a new post.
 */
export function planTargets(
  platforms: readonly Platform[],
  accounts: readonly AccountRecord[],
  text: string,
  media: readonly MediaItem[],
  /** The option object sent for a network (undefined when none was). */
  optionsOf: (platform: Platform) => unknown,
  requestSecrets: RequestSecrets,
): { errors: ErrorSpec[]; planned: PlannedTarget[] } {
  const errors: ErrorSpec[] = [];
  const planned: PlannedTarget[] = [];
  for (const platform of platforms) {
    const declaration = DECLARATIONS[platform];
    const account = accounts.find((a) => a.platform === platform);
    if (!account) {
      errors.push({ code: 156, platform, params: { platformName: declaration.name } });
      continue;
    }
    const rawOptions = optionsOf(platform);
    const options = (rawOptions ?? {}) as Record<string, unknown>;
    const input: PublishInput = {
      targetId: '',
      text,
      media,
      options,
      account: {
        externalId: account.externalId,
        username: account.username,
        displayName: account.displayName,
        // Nothing is decrypted to validate, and a sandbox account is validated exactly as a
        // live one: no rule may tell them apart (the sandbox refuses what the network would).
        credentials: {},
      },
      requestSecrets: secretsFor(declaration, requestSecrets),
    };
    const found = validateTarget(declaration, input, rawOptions);
    if (found.length > 0) errors.push(...found);
    else planned.push({ platform, account, options, input });
  }
  return { errors, planned };
}

/** The media step against the post's time (src/media/check-media-ahead.ts), for planned targets. */
export async function checkPlannedMedia(
  app: AppContext,
  planned: readonly PlannedTarget[],
  postTime: Date,
): Promise<ErrorSpec[]> {
  const ahead = planned.map((p) => ({ platform: p.platform, input: p.input, sandbox: p.account.sandbox }));
  return checkMediaAhead(app, ahead, postTime);
}
