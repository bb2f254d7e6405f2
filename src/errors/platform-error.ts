import { NOT_OFFERED_PLATFORMS, PLATFORMS } from '../platforms.ts';
import type { ErrorSpec } from './build.ts';

/**
 * The error for a platform id Herald does not publish to: a network Ayrshare knows but
 * Herald does not offer is a missing feature (604 naming it); anything else is unknown (605).
 */
export function unknownPlatformError(value: string): ErrorSpec {
  const offeredElsewhere = NOT_OFFERED_PLATFORMS[value];
  if (offeredElsewhere) {
    return {
      code: 604,
      params: { problem: `${value} (${offeredElsewhere}) is not a network Herald publishes to` },
    };
  }
  return { code: 605, params: { platform: value.slice(0, 64), known: PLATFORMS.join(', ') } };
}
