import { blueskyLinking } from '../connectors/bluesky/oauth.ts';
import { facebookLinking } from '../connectors/facebook/oauth.ts';
import { gmbLinking } from '../connectors/gmb/oauth.ts';
import { instagramLinking } from '../connectors/instagram/oauth.ts';
import { linkedinLinking } from '../connectors/linkedin/oauth.ts';
import { mastodonLinking } from '../connectors/mastodon/oauth.ts';
import { pinterestLinking } from '../connectors/pinterest/oauth.ts';
import { redditLinking } from '../connectors/reddit/oauth.ts';
import { telegramLinking } from '../connectors/telegram/oauth.ts';
import { threadsLinking } from '../connectors/threads/oauth.ts';
import { tiktokLinking } from '../connectors/tiktok/oauth.ts';
import { twitterLinking } from '../connectors/twitter/oauth.ts';
import { youtubeLinking } from '../connectors/youtube/oauth.ts';
import type { Platform } from '../platforms.ts';
import type { LinkingNetwork } from './types.ts';

/**
 * How each network is linked on the connect page, from the module beside its connector.
 * A network missing here cannot be linked from the page (Snapchat: no live connector).
 */
export const LINKING: Readonly<Partial<Record<Platform, LinkingNetwork>>> = {
  bluesky: blueskyLinking,
  facebook: facebookLinking,
  gmb: gmbLinking,
  instagram: instagramLinking,
  linkedin: linkedinLinking,
  mastodon: mastodonLinking,
  pinterest: pinterestLinking,
  reddit: redditLinking,
  telegram: telegramLinking,
  threads: threadsLinking,
  tiktok: tiktokLinking,
  twitter: twitterLinking,
  youtube: youtubeLinking,
};
