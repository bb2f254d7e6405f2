import type { AccountRecord } from '../db/accounts.ts';

/** Past this many profiles the map is emptied rather than grown. */
const MAX_PROFILES = 10_000;

/**
 * Each profile's linked accounts as POST /api/post's checks last read them, so an accept
 * does not read them again: it was the accept's one statement besides the batched insert.
 *
 * Trusted only while this process hears the `herald_accounts` notifications every change to
 * `accounts` sends (migration 035): while the LISTEN connection is away every lookup reads
 * the database. A notification forgets its profile; the connection's loss or return forgets
 * all. A read in flight when anything was forgotten is not kept: it may predate the change.
 * The link and unlink routes forget their profile themselves before they answer, so their
 * own process never serves the old list while the notification is on its way; and a request
 * naming a platform the kept list lacks reads again (it may have been linked a moment ago).
 */
export class AccountsCache {
  private readonly byProfile = new Map<string, readonly AccountRecord[]>();
  private generation = 0;

  constructor(private readonly trusted: () => boolean) {}

  /** Forgets one profile's accounts, or every profile's. */
  forget(profileId?: string): void {
    this.generation += 1;
    if (profileId === undefined) this.byProfile.clear();
    else this.byProfile.delete(profileId);
  }

  /**
   * The profile's accounts: kept ones when trusted and `enough` says they answer the request,
   * else `read` (kept when nothing changed meanwhile).
   */
  async list(
    profileId: string,
    read: () => Promise<readonly AccountRecord[]>,
    enough: (kept: readonly AccountRecord[]) => boolean = () => true,
  ): Promise<readonly AccountRecord[]> {
    const kept = this.trusted() ? this.byProfile.get(profileId) : undefined;
    if (kept && enough(kept)) return kept;
    const generation = this.generation;
    const accounts = Object.freeze(await read());
    if (generation === this.generation && this.trusted()) {
      if (this.byProfile.size >= MAX_PROFILES) this.byProfile.clear();
      this.byProfile.set(profileId, accounts);
    }
    return accounts;
  }
}
