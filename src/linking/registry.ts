import { facebookLinking } from '../connectors/facebook/oauth.ts';
import { instagramLinking } from '../connectors/instagram/oauth.ts';
import { linkedinLinking } from '../connectors/linkedin/oauth.ts';
import { threadsLinking } from '../connectors/threads/oauth.ts';
import type { Platform } from '../platforms.ts';
import type { LinkingNetwork } from './types.ts';

/**
 * How each network is linked on the connect page, from the module beside its connector.
 * A network missing here cannot be linked from the page (Snapchat: no live connector).
 */
export const LINKING: Readonly<Partial<Record<Platform, LinkingNetwork>>> = {
  facebook: facebookLinking,
  instagram: instagramLinking,
  linkedin: linkedinLinking,
  threads: threadsLinking,
};
