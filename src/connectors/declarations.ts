import type { Platform } from '../platforms.ts';
import { blueskyDeclaration } from './bluesky/declaration.ts';
import { facebookDeclaration } from './facebook/declaration.ts';
import { gmbDeclaration } from './gmb/declaration.ts';
import { instagramDeclaration } from './instagram/declaration.ts';
import { linkedinDeclaration } from './linkedin/declaration.ts';
import { mastodonDeclaration } from './mastodon/declaration.ts';
import { pinterestDeclaration } from './pinterest/declaration.ts';
import { redditDeclaration } from './reddit/declaration.ts';
import { snapchatDeclaration } from './snapchat/declaration.ts';
import { telegramDeclaration } from './telegram/declaration.ts';
import { threadsDeclaration } from './threads/declaration.ts';
import { tiktokDeclaration } from './tiktok/declaration.ts';
import { twitterDeclaration } from './twitter/declaration.ts';
import type { Declaration } from './types.ts';
import { youtubeDeclaration } from './youtube/declaration.ts';

/**
 * One folder per network under src/connectors/ (a test asserts the folder names
 * equal these keys). Every network has a declaration; a live connector exists
 * where Herald can publish for real. Any network can be linked as a sandbox account.
 * Declarations only (no connector code): what a client such as the CLI needs loads little.
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
