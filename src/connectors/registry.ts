import type { Platform } from '../platforms.ts';
import { blueskyConnector } from './bluesky/connector.ts';
import { blueskyDeclaration } from './bluesky/declaration.ts';
import { facebookConnector } from './facebook/connector.ts';
import { facebookDeclaration } from './facebook/declaration.ts';
import { gmbConnector } from './gmb/connector.ts';
import { gmbDeclaration } from './gmb/declaration.ts';
import { instagramConnector } from './instagram/connector.ts';
import { instagramDeclaration } from './instagram/declaration.ts';
import { linkedinConnector } from './linkedin/connector.ts';
import { linkedinDeclaration } from './linkedin/declaration.ts';
import { mastodonConnector } from './mastodon/connector.ts';
import { mastodonDeclaration } from './mastodon/declaration.ts';
import { pinterestConnector } from './pinterest/connector.ts';
import { pinterestDeclaration } from './pinterest/declaration.ts';
import { redditConnector } from './reddit/connector.ts';
import { redditDeclaration } from './reddit/declaration.ts';
import { snapchatDeclaration } from './snapchat/declaration.ts';
import { telegramConnector } from './telegram/connector.ts';
import { telegramDeclaration } from './telegram/declaration.ts';
import { threadsConnector } from './threads/connector.ts';
import { threadsDeclaration } from './threads/declaration.ts';
import { tiktokConnector } from './tiktok/connector.ts';
import { tiktokDeclaration } from './tiktok/declaration.ts';
import { twitterConnector } from './twitter/connector.ts';
import { twitterDeclaration } from './twitter/declaration.ts';
import type { Connector, Declaration } from './types.ts';
import { youtubeConnector } from './youtube/connector.ts';
import { youtubeDeclaration } from './youtube/declaration.ts';

/**
 * One folder per network under src/connectors/ (a test asserts the folder names
 * equal these keys). Every network has a declaration; a live connector exists
 * where Herald can publish for real. Any network can be linked as a sandbox account.
 */
export const DECLARATIONS: Readonly<Record<Platform, Declaration>> = {
  bluesky: blueskyDeclaration,
  facebook: facebookDeclaration,
  gmb: gmbDeclaration,
  instagram: instagramDeclaration,
  linkedin: linkedinDeclaration,
  mastodon: mastodonDeclaration,
  pinterest: pinterestDeclaration,
  reddit: redditDeclaration,
  snapchat: snapchatDeclaration,
  telegram: telegramDeclaration,
  threads: threadsDeclaration,
  tiktok: tiktokDeclaration,
  twitter: twitterDeclaration,
  youtube: youtubeDeclaration,
};

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
