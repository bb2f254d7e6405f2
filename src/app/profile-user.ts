import type { Profile } from '../db/profiles.ts';
import { healthOf } from '../linking/token-health.ts';
import { accountsOf } from './accounts-service.ts';
import type { AppContext } from './context.ts';

/**
 * GET /api/user's answer: the profile and its linked networks in Ayrshare's shape
 * (activeSocialAccounts, displayNames), each account with Herald's own health.
 */
export async function profileUser(
  app: AppContext,
  profile: Profile,
  now = new Date(),
): Promise<Record<string, unknown>> {
  const accounts = await accountsOf(app, profile);
  return {
    activeSocialAccounts: accounts.map((a) => a.platform),
    displayNames: accounts.map((a) => {
      // Herald's own health (ok, expiring, needs-relink) beside Ayrshare's refreshDaysRemaining.
      const health = healthOf(a, now);
      return {
        platform: a.platform,
        displayName: a.displayName,
        username: a.username,
        id: a.externalId,
        profileUrl: a.profileUrl,
        ...(a.picture ? { userImage: a.picture } : {}),
        created: a.createdAt.toISOString(),
        ...(health.refreshDaysRemaining !== undefined
          ? { refreshDaysRemaining: health.refreshDaysRemaining }
          : {}),
        status: health.status,
        ...(health.reason ? { reason: health.reason } : {}),
        ...(a.sandbox ? { sandbox: true } : {}),
      };
    }),
    created: profile.createdAt.toISOString(),
    refId: profile.refId,
    title: profile.title,
  };
}
