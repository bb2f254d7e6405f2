import type { CatalogEntry } from './types.ts';

/**
 * Herald's own analytics and history outcomes (680–682); the seed's analytics codes
 * (444, 475 and 272's analytics variant) live with the other seed codes.
 */
export const ANALYTICS_CODES: readonly CatalogEntry[] = [
  {
    code: 680,
    http: 400,
    title: 'No analytics for this network',
    scope: 'analytics',
    action: 'analytics',
    platforms: ['telegram', 'snapchat'],
    origin: 'herald',
    variants: {
      default: {
        message:
          'Herald has no analytics for {platformName}: it cannot read metrics of its posts or account.',
        params: { platformName: { sample: 'Telegram', meaning: 'the network' } },
      },
      history: {
        message: 'Herald cannot list the posts of a {platformName} account: this history is not available.',
        params: { platformName: { sample: 'Telegram', meaning: 'the network' } },
      },
    },
    remedy:
      'Leave this network out of the analytics or history request: Telegram’s Bot API gives no metrics and lists no channel posts; Snapchat has no live connector yet. docs/api.md lists the networks with analytics.',
  },
  {
    code: 681,
    http: 400,
    title: 'Post not published on the network',
    scope: 'analytics',
    action: 'analytics',
    origin: 'herald',
    variants: {
      default: {
        message:
          'The post is not published on {platformName} (its state there is {state}), so it has no analytics.',
        params: {
          platformName: { sample: 'Bluesky', meaning: 'the network' },
          state: { sample: 'failed', meaning: 'the post’s state on that network' },
        },
      },
      notSent: {
        message: 'The post was not sent to {platformName}, so it has no analytics there.',
        params: { platformName: { sample: 'Bluesky', meaning: 'the network' } },
      },
    },
    remedy:
      'Ask for the networks the post was published on (GET /api/post/:id lists them); a pending post has analytics once it is published.',
  },
  {
    code: 682,
    http: 403,
    title: 'Analytics permission missing',
    scope: 'analytics',
    action: 'authorization',
    platforms: ['facebook', 'instagram', 'threads', 'linkedin', 'youtube', 'tiktok', 'pinterest', 'gmb'],
    origin: 'herald',
    variants: {
      default: {
        message:
          '{platformName} refused to give analytics: the linked account has not granted the permission to read metrics. Re-link {platformName} and grant every permission asked.',
        resolution: { relink: true, platform: '{platform}' },
        shape: ['action', 'status', 'code', 'message', 'details', 'resolution', 'platform'],
        params: { platformName: { sample: 'Instagram', meaning: 'the network' } },
      },
    },
    remedy:
      'Re-link the account granting the analytics permissions (details name what the network refused). Publishing is not affected.',
  },
];
