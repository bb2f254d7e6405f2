import { CATALOG, type CatalogEntry } from '../../errors/catalog/index.ts';
import type { Platform } from '../../platforms.ts';

export interface Trigger {
  code: number;
  platform?: Platform;
  variant?: string;
  /** `#sandbox-fail-once-…`: only the target's first attempt fails, so a retry succeeds. */
  once?: boolean;
}

// `#sandbox-fail-[once-]<code>`, `#sandbox-fail-[once-]<platform>-<code>`, optionally `-<variant>`.
const TRIGGER = /#sandbox-fail-(once-)?(?:([a-z]+)-)?(\d{3})(?:-([A-Za-z]+))?/g;

export function parseTriggers(text: string): Trigger[] {
  const triggers: Trigger[] = [];
  for (const match of text.matchAll(TRIGGER)) {
    const [, once, platform, code, variant] = match;
    triggers.push({
      code: Number(code),
      ...(platform ? { platform: platform as Platform } : {}),
      ...(variant ? { variant } : {}),
      ...(once ? { once: true } : {}),
    });
  }
  return triggers;
}

/** Catalog entries a sandbox account of this network can fail with: every network-level code it can produce. */
export function triggerableEntries(platform: Platform): CatalogEntry[] {
  return CATALOG.filter((entry) => entry.scope === 'network' && (entry.platforms ?? []).includes(platform));
}

/**
 * Catalog entries a sandbox account's analytics call can fail with: the analytics codes
 * this network can produce (444, 475, 682) and the `analytics` variants of network codes
 * (272's long body), each only on the analytics path.
 */
export function analyticsTriggerableEntries(platform: Platform): CatalogEntry[] {
  return CATALOG.filter(
    (entry) =>
      (entry.platforms ?? []).includes(platform) &&
      (entry.scope === 'analytics' || (entry.scope === 'network' && 'analytics' in entry.variants)),
  );
}

/**
 * The first trigger in the text that applies to this network on this path, with its
 * catalog entry. A post whose text asks for an analytics failure publishes normally;
 * its analytics call fails. `#sandbox-fail-272-analytics` fails only the analytics call.
 */
export function triggerFor(
  text: string,
  platform: Platform,
  path: 'publish' | 'analytics' = 'publish',
): { entry: CatalogEntry; variant: string; once: boolean } | undefined {
  for (const trigger of parseTriggers(text)) {
    if (trigger.platform && trigger.platform !== platform) continue;
    const entries = path === 'publish' ? triggerableEntries(platform) : analyticsTriggerableEntries(platform);
    const entry = entries.find((e) => e.code === trigger.code);
    if (!entry) continue;
    const asked = trigger.variant && entry.variants[trigger.variant] ? trigger.variant : undefined;
    if (path === 'publish' && asked === 'analytics') continue;
    if (path === 'analytics' && entry.scope === 'network' && asked !== 'analytics') continue;
    return { entry, variant: asked ?? 'default', once: trigger.once === true };
  }
  return undefined;
}
