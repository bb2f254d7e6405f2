import type { Platform } from '../platforms.ts';
import { blueskyConnector } from './bluesky/connector.ts';
import { DECLARATIONS } from './declarations.ts';
import { facebookConnector } from './facebook/connector.ts';
import { gmbConnector } from './gmb/connector.ts';
import { instagramConnector } from './instagram/connector.ts';
import { linkedinConnector } from './linkedin/connector.ts';
import { mastodonConnector } from './mastodon/connector.ts';
import { pinterestConnector } from './pinterest/connector.ts';
import { redditConnector } from './reddit/connector.ts';
import { telegramConnector } from './telegram/connector.ts';
import { threadsConnector } from './threads/connector.ts';
import { tiktokConnector } from './tiktok/connector.ts';
import { twitterConnector } from './twitter/connector.ts';
import type { Connector } from './types.ts';
import { youtubeConnector } from './youtube/connector.ts';

export { DECLARATIONS };

/** Where Herald can publish for real: a live connector per network (the declarations: ./declarations.ts). */
export const LIVE_CONNECTORS: Readonly<Partial<Record<Platform, Connector>>> = {
  bluesky: blueskyConnector,
  facebook: facebookConnector,
  instagram: instagramConnector,
  threads: threadsConnector,
  tiktok: tiktokConnector,
  linkedin: linkedinConnector,
  reddit: redditConnector,
  twitter: twitterConnector,
  youtube: youtubeConnector,
  pinterest: pinterestConnector,
  telegram: telegramConnector,
  mastodon: mastodonConnector,
  gmb: gmbConnector,
};
