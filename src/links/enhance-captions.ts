import type { AppContext } from '../app/context.ts';
import { sampleError } from '../connectors/sandbox/connector.ts';
import { triggerFor } from '../connectors/sandbox/triggers.ts';
import type { Declaration } from '../connectors/types.ts';
import { findLinksByUrl, type NewLink } from '../db/links.ts';
import type { Platform } from '../platforms.ts';
import { findLinks } from '../posts/text-links.ts';
import { linkTargetProblem } from './link-target.ts';
import { isPublicBase, newLinkId, shortUrlOf } from './short-url.ts';

/**
 * Caption enhancement (`shortenLinks: true`), per network, before anything is stored:
 * every http(s) link of the text becomes the profile's short link for it (the same URL
 * keeps its link). A network fails enhancement (441, "Post was not sent to this
 * platform") when the rewrite cannot serve it:
 * - its account is live and the short links would point to an address its readers
 *   cannot open (a loopback or private HERALD_SHORT_URL_BASE): Facebook would refuse
 *   the link outright (subcode 1609005, scrape failed), elsewhere the link is dead;
 * - the shortened text no longer fits its limits while the original did (a short link
 *   longer than the URL it replaces: Bluesky and Threads count it in full, X counts every
 *   URL as 23 either way): checkPost finds this one, validating both texts.
 * A sandbox account fails with `#sandbox-fail-441`, through this same path.
 */

export interface CaptionTarget {
  declaration: Declaration;
  sandbox: boolean;
  options: Readonly<Record<string, unknown>>;
}

export type CaptionOutcome = { ok: true; text: string } | { ok: false; cause: string };

export interface EnhancedCaptions {
  outcomes: Map<Platform, CaptionOutcome>;
  /** Links to store with the post (in its transaction): nothing is stored for a refused request. */
  newLinks: NewLink[];
}

export async function enhanceCaptions(
  app: AppContext,
  profileId: string,
  text: string,
  targets: readonly CaptionTarget[],
  shortenLinks: boolean,
): Promise<EnhancedCaptions> {
  const outcomes = new Map<Platform, CaptionOutcome>();
  const base = app.config.shortLinks.base;
  const links = shortenLinks ? findLinks(text).filter((l) => linkTargetProblem(l.url) === undefined) : [];
  const existing = await findLinksByUrl(
    app.pool,
    profileId,
    links.map((l) => l.url),
  );
  const newLinks: NewLink[] = [];
  const idOf = new Map<string, string>([...existing].map(([url, link]) => [url, link.id]));
  for (const { url } of links) {
    if (idOf.has(url)) continue;
    const id = newLinkId();
    idOf.set(url, id);
    newLinks.push({ id, profileId, originalUrl: url, utm: {} });
  }
  // Replaced from the end, so the offsets of the links before stay right.
  let rewritten = text;
  for (const link of [...links].reverse()) {
    rewritten = `${rewritten.slice(0, link.start)}${shortUrlOf(base, idOf.get(link.url) as string)}${rewritten.slice(link.end)}`;
  }

  for (const { declaration, sandbox, options } of targets) {
    const platform = declaration.id;
    const trigger = sandbox ? triggerFor(text, platform) : undefined;
    if (trigger?.entry.code === 441) {
      const cause = sampleError(declaration, trigger.entry, 'default', { options }).params?.cause;
      outcomes.set(platform, { ok: false, cause: String(cause) });
      continue;
    }
    if (links.length === 0) {
      outcomes.set(platform, { ok: true, text });
      continue;
    }
    if (!sandbox && !isPublicBase(base)) {
      outcomes.set(platform, {
        ok: false,
        cause: `Short links would point to ${base}/…, which readers on ${declaration.name} cannot open (set HERALD_SHORT_URL_BASE to a public address)`,
      });
      continue;
    }
    outcomes.set(platform, { ok: true, text: rewritten });
  }
  return { outcomes, newLinks };
}
