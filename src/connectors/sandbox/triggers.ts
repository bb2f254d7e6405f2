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

/** The first trigger in the text that applies to this network, with its catalog entry. */
export function triggerFor(
  text: string,
  platform: Platform,
): { entry: CatalogEntry; variant: string; once: boolean } | undefined {
  for (const trigger of parseTriggers(text)) {
    if (trigger.platform && trigger.platform !== platform) continue;
    const entry = triggerableEntries(platform).find((e) => e.code === trigger.code);
    if (!entry) continue;
    const variant = trigger.variant && entry.variants[trigger.variant] ? trigger.variant : 'default';
    return { entry, variant, once: trigger.once === true };
  }
  return undefined;
}
