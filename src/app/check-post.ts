import { DECLARATIONS } from '../connectors/declarations.ts';
import type { Declaration, PublishInput } from '../connectors/types.ts';
import { type AccountRecord, listAccounts } from '../db/accounts.ts';
import type { NewLink } from '../db/links.ts';
import type { Profile } from '../db/profiles.ts';
import type { ErrorSpec } from '../errors/build.ts';
import { HeraldError } from '../errors/herald-error.ts';
import { unknownPlatformError } from '../errors/platform-error.ts';
import { needsRelink } from '../linking/relink.ts';
import { enhanceCaptions } from '../links/enhance-captions.ts';
import { type AutoFixField, autoFixOf, storedAutoFix } from '../media/auto-fix.ts';
import { checkMediaAhead } from '../media/check-media-ahead.ts';
import { isPlatform, type Platform } from '../platforms.ts';
import { mediaItems } from '../posts/media-kind.ts';
import { parseScheduleDate } from '../posts/schedule-date.ts';
import { validateComment } from '../posts/validate-comment.ts';
import { validateTarget } from '../posts/validate-target.ts';
import { DEFAULT_TITLE, nextSlot } from './auto-schedules.ts';
import { connectorFor } from './connectors.ts';
import type { AppContext } from './context.ts';
import { type RequestSecrets, secretsFor } from './request-secrets.ts';

export interface PostRequest {
  post: string;
  platforms: string[];
  mediaUrls?: string[];
  isVideo?: boolean;
  scheduleDate?: string;
  idempotencyKey?: string;
  shortenLinks?: boolean;
  notes?: string;
  requiresApproval?: boolean;
  autoSchedule?: { schedule: boolean; title?: string };
  [optionsField: string]: unknown;
}

/** The schedule whose next free slot the post takes (`autoSchedule: {schedule: true, title?}`), if asked. */
export function autoScheduleOf(body: PostRequest): string | null {
  if (body.autoSchedule?.schedule !== true) return null;
  if (body.scheduleDate !== undefined && body.scheduleDate !== '') {
    throw new HeraldError({
      code: 604,
      params: { problem: 'autoSchedule and scheduleDate cannot be combined: send one of them' },
    });
  }
  return body.autoSchedule.title ?? DEFAULT_TITLE;
}

/** The option object a request gives a network, under its field name or an alias. */
export function optionsFor(body: PostRequest, platform: Platform): unknown {
  const declaration = DECLARATIONS[platform];
  for (const field of [declaration.optionsField, ...(declaration.optionsAliases ?? [])]) {
    if (body[field] !== undefined) return body[field];
  }
  return undefined;
}

function resolvePlatforms(requested: readonly string[], accounts: readonly AccountRecord[]): Platform[] {
  const unknown = requested.find((p) => p !== 'all' && !isPlatform(p));
  if (unknown !== undefined) {
    throw new HeraldError(unknownPlatformError(unknown));
  }
  const set = new Set<Platform>();
  for (const p of requested) {
    if (p === 'all') for (const a of accounts) set.add(a.platform);
    else set.add(p as Platform);
  }
  if (set.size === 0)
    throw new HeraldError({ code: 604, params: { problem: 'platforms names no linked network' } });
  return [...set];
}

export interface FirstComment {
  comment: string;
  mediaUrls?: string[];
}

/**
 * `firstComment: {comment, mediaUrls?}`, checked for every network of the post against
 * its comment rules (a network without comments is 685, too long 688, media 689) before
 * anything is stored; posted by the first_comment job once each network's post is live.
 */
function firstCommentFor(
  body: PostRequest,
  platforms: readonly Platform[],
): { first: FirstComment | undefined; errors: ErrorSpec[] } {
  const given = body.firstComment as FirstComment | undefined;
  if (given === undefined) return { first: undefined, errors: [] };
  const errors = platforms.flatMap((p) => {
    const problem = validateComment(DECLARATIONS[p], given.comment, given.mediaUrls ?? []);
    return problem ? [{ ...problem, action: 'post' }] : [];
  });
  const first = {
    comment: given.comment,
    ...(given.mediaUrls?.length ? { mediaUrls: given.mediaUrls } : {}),
  };
  return { first, errors };
}

/**
 * When the rewritten text is too long (132) and the original was not, the rewrite broke it:
 * a caption-enhancement failure for this network (441), not the caller's text. The cause.
 */
function lengthBrokenByRewrite(
  found: readonly ErrorSpec[],
  declaration: Declaration,
  original: PublishInput,
  rawOptions: unknown,
): string | undefined {
  const tooLong = found.find((e) => e.code === 132);
  if (!tooLong || validateTarget(declaration, original, rawOptions).some((e) => e.code === 132))
    return undefined;
  const { length, limit, unit } = tooLong.params ?? {};
  return `The shortened links make the text ${length} ${unit} long, past ${declaration.name}'s limit of ${limit}`;
}

export interface PlannedTarget {
  platform: Platform;
  account: AccountRecord;
  options: Record<string, unknown>;
  /** What the network will be sent (its text already enhanced). */
  input: PublishInput;
}

export interface CheckedPost {
  /** `scheduleDate`, or the queue slot `autoSchedule` would take now (chosen again when stored). */
  scheduleDate: Date | null;
  /** The queue schedule asked for (`autoSchedule`), if any. */
  queue: string | null;
  platforms: Platform[];
  firstComment: FirstComment | undefined;
  /** Targets that may go out. */
  planned: PlannedTarget[];
  /** Networks whose caption enhancement failed (441): not sent, the others still are. */
  captionFailures: { platform: Platform; account: AccountRecord; error: ErrorSpec }[];
  /** Everything that refuses the post, per network, in the order of `platforms`; 156 (not linked) among them. */
  problems: ErrorSpec[];
  /** Short links the enhanced texts point to, stored with the post. */
  newLinks: NewLink[];
}

/**
 * Everything Herald checks about a post before storing it, and nothing else: no row is
 * written and no network is called. POST /api/post stores what this planned; POST
 * /api/validate/post (the dry run) only reports it. Media are checked ahead for a
 * scheduled post, and always for the dry run (`mediaAlways`), against the post's time.
 */
export async function checkPost(
  app: AppContext,
  profile: Profile,
  body: PostRequest,
  requestSecrets: RequestSecrets,
  { mediaAlways }: { mediaAlways: boolean },
): Promise<CheckedPost> {
  const now = new Date();
  const queue = autoScheduleOf(body);
  // The slot is chosen again under the profile's slot lock when the post is stored; this
  // first look gives the media checks a time.
  const scheduleDate = queue
    ? await nextSlot(app.pool, profile.id, queue, now)
    : parseScheduleDate(body.scheduleDate, now);
  // Kept ones serve unless the request names a platform they lack (linked a moment ago?).
  const named = Array.isArray(body.platforms) ? body.platforms : [];
  const accounts = await app.accountsCache.list(
    profile.id,
    () => listAccounts(app.pool, profile.id),
    (kept) => named.every((platform) => kept.some((a) => a.platform === platform)),
  );
  const platforms = resolvePlatforms(body.platforms, accounts);
  const { first: firstComment, errors: firstCommentErrors } = firstCommentFor(body, platforms);
  const media = mediaItems(body.mediaUrls ?? [], body.isVideo ?? false);

  const linked = platforms.flatMap((platform) => {
    const account = accounts.find((a) => a.platform === platform);
    return account ? [{ platform, account, rawOptions: optionsFor(body, platform) }] : [];
  });
  const captions = await enhanceCaptions(
    app,
    profile.id,
    body.post,
    linked.map((l) => ({
      declaration: DECLARATIONS[l.platform],
      sandbox: l.account.sandbox,
      options: (l.rawOptions ?? {}) as Record<string, unknown>,
    })),
    body.shortenLinks === true,
  );

  const problems: ErrorSpec[] = [...firstCommentErrors];
  const planned: PlannedTarget[] = [];
  const captionFailures: CheckedPost['captionFailures'] = [];
  for (const platform of platforms) {
    const declaration = DECLARATIONS[platform];
    const entry = linked.find((l) => l.platform === platform);
    if (!entry) {
      problems.push({ code: 156, platform, params: { platformName: declaration.name } });
      continue;
    }
    const { account, rawOptions } = entry;
    // Herald could not keep its token alive: refused now with the network's relink code.
    const relink = account.sandbox ? undefined : needsRelink(account, platform);
    if (relink) {
      problems.push(relink);
      continue;
    }
    const caption = captions.outcomes.get(platform) ?? { ok: true, text: body.post };
    if (!caption.ok) {
      captionFailures.push({
        platform,
        account,
        error: { code: 441, platform, params: { cause: caption.cause } },
      });
      continue;
    }
    const options = (rawOptions ?? {}) as Record<string, unknown>;
    const input: PublishInput = {
      targetId: '',
      text: caption.text,
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
    const overflow =
      caption.text !== body.post
        ? lengthBrokenByRewrite(found, declaration, { ...input, text: body.post }, rawOptions)
        : undefined;
    if (overflow)
      captionFailures.push({
        platform,
        account,
        error: { code: 441, platform, params: { cause: overflow } },
      });
    else if (found.length > 0) problems.push(...found);
    else planned.push({ platform, account, options, input });
  }

  // A network with comments whose live connector does not reach them yet cannot take a firstComment.
  if (firstComment) {
    for (const p of planned) {
      if (!connectorFor(p.platform, p.account.sandbox)?.comments) {
        const params = { platformName: DECLARATIONS[p.platform].name };
        problems.push({ code: 685, variant: 'notYet', platform: p.platform, action: 'post', params });
      }
    }
  }

  // Not linked is a warning for the dry run: its media are checked all the same.
  const blocking = mediaAlways ? problems.filter((p) => p.code !== 156) : problems;
  if (blocking.length === 0 && media.length > 0 && (scheduleDate || mediaAlways)) {
    const ahead = planned.map((p) => ({ platform: p.platform, input: p.input, sandbox: p.account.sandbox }));
    const autoFix = autoFixOf(storedAutoFix(body.autoFix as AutoFixField), app.config);
    problems.push(
      ...(await checkMediaAhead(app, ahead, scheduleDate ?? now, { now: !scheduleDate, autoFix })),
    );
  }
  return {
    scheduleDate,
    queue,
    platforms,
    firstComment,
    planned,
    captionFailures,
    problems,
    newLinks: captions.newLinks,
  };
}
