import { recordAccountChange } from '../app/account-events.ts';
import type { AppContext } from '../app/context.ts';
import { accountsDueForRefresh, accountsPastRelinkBy, markNeedsRelink } from '../db/accounts.ts';
import { deleteExpiredSessions } from '../db/link-sessions.ts';
import { inTransaction } from '../db/pool.ts';
import { refreshAccount } from '../linking/refresh-account.ts';
import { relinkError } from '../linking/relink.ts';

export const REFRESH_TASK = 'refresh_tokens';

/** Accounts handled per run (every minute): far more than a deployment renews in a minute. */
const BATCH = 100;

export interface RefreshRun {
  renewed: number;
  failed: number;
  expired: number;
}

/**
 * The refresh job, every minute: access tokens past about 80 % of their life are renewed
 * (one at a time per account, under its lock: refresh-account.ts); tokens that ran out
 * with no way to renew them mark their account `needs-relink` (a `refresh` event by the
 * system); connect pages past their end are deleted, with the X keys sealed in them.
 */
export async function refreshDueTokens(app: AppContext): Promise<RefreshRun> {
  const run: RefreshRun = { renewed: 0, failed: 0, expired: 0 };
  for (const id of await accountsDueForRefresh(app.pool, BATCH)) {
    const outcome = await refreshAccount(app, id, { scheduled: true });
    if (outcome.ok && outcome.refreshed) run.renewed += 1;
    if (!outcome.ok) run.failed += 1;
  }
  for (const account of await accountsPastRelinkBy(app.pool, BATCH)) {
    const reason = 'the access token expired and cannot be renewed';
    const spec = relinkError(account.platform, reason);
    await inTransaction(app.pool, async (tx) => {
      await markNeedsRelink(tx, account.id, reason);
      await recordAccountChange(tx, {
        profileId: account.profileId,
        platform: account.platform,
        type: 'refresh',
        source: 'system',
        displayName: account.displayName,
        error: spec,
      });
    });
    app.accountsCache.forget(account.profileId);
    run.expired += 1;
  }
  await deleteExpiredSessions(app.pool);
  return run;
}
