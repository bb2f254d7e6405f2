import { linkedinLinking } from '../connectors/linkedin/oauth.ts';
import type { Platform } from '../platforms.ts';
import type { LinkingNetwork } from './types.ts';

/**
 * How each network is linked on the connect page, from the module beside its connector.
 * A network missing here cannot be linked from the page (Snapchat: no live connector).
 */
export const LINKING: Readonly<Partial<Record<Platform, LinkingNetwork>>> = {
  linkedin: linkedinLinking,
};
