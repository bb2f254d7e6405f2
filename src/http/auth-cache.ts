import type { Profile } from '../db/profiles.ts';

/** Past this many entries a map is emptied rather than grown (profiles can be many). */
const MAX_ENTRIES = 10_000;

/**
 * What authentication has read from the database, kept in memory so a request does not
 * pay two round trips before its work: the ids of valid API keys by their hash, profiles by the hash
 * of their key, and the primary profile. Only answers that let a request in are kept (an
 * unknown key is read again each time).
 *
 * It is trusted only while this process receives the `herald_auth` notifications that
 * every change to `api_keys` or `profiles` sends (migration 030): `trusted()` is false
 * while the LISTEN connection is away, and then every lookup reads the database. Each
 * notification, and each loss or return of the connection, empties it (`invalidate`).
 * A read that was in flight when it was emptied is not kept: it may predate the change.
 * A route that changes a key or a profile calls `invalidate` itself before it answers, so
 * its own process never serves the old value while the notification is on its way.
 */
export class AuthCache {
  private readonly keys = new Map<string, string>();
  private readonly profiles = new Map<string, Profile>();
  private primary: Profile | undefined;
  private generation = 0;

  constructor(private readonly trusted: () => boolean) {}

  invalidate(): void {
    this.generation += 1;
    this.keys.clear();
    this.profiles.clear();
    this.primary = undefined;
  }

  /** The id of the valid API key with this hash, from memory when known, else `read` (kept when found). */
  async apiKeyId(keyHash: string, read: () => Promise<string | undefined>): Promise<string | undefined> {
    const known = this.trusted() ? this.keys.get(keyHash) : undefined;
    if (known) return known;
    const generation = this.generation;
    const id = await read();
    if (id && this.keep(generation)) {
      if (this.keys.size >= MAX_ENTRIES) this.keys.clear();
      this.keys.set(keyHash, id);
    }
    return id;
  }

  async profileByKeyHash(
    keyHash: string,
    read: () => Promise<Profile | undefined>,
  ): Promise<Profile | undefined> {
    const known = this.trusted() ? this.profiles.get(keyHash) : undefined;
    if (known) return known;
    const generation = this.generation;
    const profile = await read();
    if (profile && this.keep(generation)) {
      if (this.profiles.size >= MAX_ENTRIES) this.profiles.clear();
      this.profiles.set(keyHash, profile);
    }
    return profile;
  }

  async primaryProfile(read: () => Promise<Profile | undefined>): Promise<Profile | undefined> {
    if (this.trusted() && this.primary) return this.primary;
    const generation = this.generation;
    const profile = await read();
    if (profile && this.keep(generation)) this.primary = profile;
    return profile;
  }

  /** A value read under `generation` may be kept only if nothing changed meanwhile. */
  private keep(generation: number): boolean {
    return generation === this.generation && this.trusted();
  }
}
