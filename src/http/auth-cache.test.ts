import { describe, expect, it } from 'vitest';
import type { Profile } from '../db/profiles.ts';
import { AuthCache } from './auth-cache.ts';

const PROFILE: Profile = { id: 'p1', title: 'one', refId: 'r1', isPrimary: false, createdAt: new Date(0) };

/** A database read that counts its calls and answers `value`. */
function reader<T>(value: T) {
  const read = async () => {
    read.calls += 1;
    return value;
  };
  read.calls = 0;
  return read;
}

describe('AuthCache', () => {
  it('reads a valid key once while notifications arrive, again after a change', async () => {
    const cache = new AuthCache(() => true);
    const read = reader<string | undefined>('key-1');
    expect(await cache.apiKeyId('h', read)).toBe('key-1');
    expect(await cache.apiKeyId('h', read)).toBe('key-1');
    expect(read.calls).toBe(1);
    cache.invalidate();
    expect(await cache.apiKeyId('h', reader<string | undefined>(undefined))).toBeUndefined();
  });

  it('never keeps a refusal: an unknown key is read each time', async () => {
    const cache = new AuthCache(() => true);
    const read = reader<string | undefined>(undefined);
    await cache.apiKeyId('h', read);
    await cache.apiKeyId('h', read);
    expect(read.calls).toBe(2);
    const none = reader<Profile | undefined>(undefined);
    await cache.profileByKeyHash('k', none);
    await cache.profileByKeyHash('k', none);
    expect(none.calls).toBe(2);
  });

  it('trusts nothing while notifications do not arrive (the LISTEN connection is away)', async () => {
    let listening = false;
    const cache = new AuthCache(() => listening);
    const key = reader<string | undefined>('key-1');
    const profile = reader<Profile | undefined>(PROFILE);
    const primary = reader<Profile | undefined>(PROFILE);
    for (let i = 0; i < 3; i++) {
      await cache.apiKeyId('h', key);
      await cache.profileByKeyHash('k', profile);
      await cache.primaryProfile(primary);
    }
    expect([key.calls, profile.calls, primary.calls]).toEqual([3, 3, 3]);
    // Nothing read while away is kept for when the connection returns.
    listening = true;
    await cache.apiKeyId('h', key);
    expect(key.calls).toBe(4);
  });

  it('does not keep a read that was in flight when a change was heard', async () => {
    const cache = new AuthCache(() => true);
    let release: (value: string | undefined) => void = () => {};
    const pending = cache.apiKeyId(
      'h',
      () => new Promise<string | undefined>((resolve) => (release = resolve)),
    );
    // The revoke is heard while the read (of the row before the revoke) is on its way back.
    cache.invalidate();
    release('key-1');
    expect(await pending).toBe('key-1');
    const after = reader<string | undefined>(undefined);
    expect(await cache.apiKeyId('h', after)).toBeUndefined();
    expect(after.calls).toBe(1);
  });

  it('keeps profiles by key hash and the primary profile until a change', async () => {
    const cache = new AuthCache(() => true);
    const profile = reader<Profile | undefined>(PROFILE);
    const primary = reader<Profile | undefined>({ ...PROFILE, isPrimary: true });
    await cache.profileByKeyHash('k', profile);
    expect(await cache.profileByKeyHash('k', profile)).toEqual(PROFILE);
    await cache.primaryProfile(primary);
    await cache.primaryProfile(primary);
    expect([profile.calls, primary.calls]).toEqual([1, 1]);
    cache.invalidate();
    await cache.profileByKeyHash('k', profile);
    await cache.primaryProfile(primary);
    expect([profile.calls, primary.calls]).toEqual([2, 2]);
  });
});
