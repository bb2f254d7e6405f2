/**
 * Every webhook action a registration may name: Ayrshare's list, then Herald's own.
 * An action Herald produces says so with `sends`; the others are refused at
 * registration (670) naming why. Making Herald send one (e.g. `comments` once
 * comments exist) is this table's line plus the `emitEvent` call where it happens.
 */
export interface WebhookAction {
  /** What Herald sends for it; absent: Herald never sends it (registration answers 670). */
  sends?: string;
  /** Why Herald does not send it (documentation). */
  missing?: string;
  origin: 'ayrshare' | 'herald';
}

export const WEBHOOK_ACTIONS = {
  scheduled: {
    origin: 'ayrshare',
    sends:
      'the outcome of a scheduled post and of a retried post; `subAction: "tikTokPublished"` when TikTok resolves a pending video (immediate posts too)',
  },
  social: { origin: 'ayrshare', sends: 'a network linked or unlinked (`type` link/unlink, `source` user)' },
  feed: { origin: 'ayrshare', missing: 'Herald has no RSS/Substack feeds' },
  batch: { origin: 'ayrshare', missing: 'Herald has no batch posting' },
  messages: { origin: 'ayrshare', missing: 'Herald has no direct messages' },
  mentions: { origin: 'ayrshare', missing: 'Herald does not watch mentions' },
  comments: { origin: 'ayrshare', missing: 'Herald has no comments API yet' },
  automations: { origin: 'ayrshare', missing: 'Herald has no automations' },
  accountActivity: { origin: 'ayrshare', missing: 'Herald does not watch account activity' },
  immediate: {
    origin: 'herald',
    sends:
      'the outcome of an immediate post whose answer was `pending` (a network was still being sent to when POST /api/post answered)',
  },
} as const satisfies Record<string, WebhookAction>;

export type WebhookActionName = keyof typeof WEBHOOK_ACTIONS;

export function isWebhookAction(name: string): name is WebhookActionName {
  return Object.hasOwn(WEBHOOK_ACTIONS, name);
}

export function sentByHerald(name: WebhookActionName): boolean {
  return 'sends' in WEBHOOK_ACTIONS[name];
}

/** The actions Herald sends, in the table's order. */
export const SENT_ACTIONS: readonly WebhookActionName[] = (
  Object.keys(WEBHOOK_ACTIONS) as WebhookActionName[]
).filter(sentByHerald);
