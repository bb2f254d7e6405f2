import { describe, expect, it } from 'vitest';
import type { AccountRecord } from '../db/accounts.ts';
import { AccountsCache } from './accounts-cache.ts';

const account = (platform: string) => ({ platform }) as unknown as AccountRecord;

/** A cache over a counted read answering `answer`; `trusted` as the LISTEN connection would say. */
function cache(answer: () => AccountRecord[] = () => [account('facebook')]) {
  let trusted = true;
  let reads = 0;
  const c = new AccountsCache(() => trusted);
  const read = async () => {
    reads += 1;
    return answer();
  };
  return {
    c,
    list: (profile = 'p1', enough?: (kept: readonly AccountRecord[]) => boolean) =>
      c.list(profile, read, enough),
    reads: () => reads,
    trust: (value: boolean) => {
      trusted = value;
    },
  };
}

describe('AccountsCache', () => {
  it('reads a profile once while trusted, and again once it is forgotten (that profile, or all)', async () => {
    const t = cache();
    await t.list();
    await t.list();
    await t.list('p2');
    expect(t.reads()).toBe(2);
    t.c.forget('p2');
    await t.list();
    await t.list('p2');
    expect(t.reads()).toBe(3);
    t.c.forget();
    await t.list();
    await t.list('p2');
    expect(t.reads()).toBe(5);
  });

  it('reads every time while the notifications do not arrive, and keeps nothing then', async () => {
    const t = cache();
    t.trust(false);
    await t.list();
    await t.list();
    t.trust(true);
    await t.list();
    expect(t.reads()).toBe(3);
  });

  it('reads again when the kept list lacks what the request names', async () => {
    let linked = [account('facebook')];
    const t = cache(() => linked);
    const names = (platforms: string[]) => (kept: readonly AccountRecord[]) =>
      platforms.every((p) => kept.some((a) => a.platform === p));
    expect((await t.list('p1', names(['facebook']))).map((a) => a.platform)).toEqual(['facebook']);
    linked = [account('facebook'), account('linkedin')];
    expect((await t.list('p1', names(['linkedin']))).map((a) => a.platform)).toEqual([
      'facebook',
      'linkedin',
    ]);
    expect(t.reads()).toBe(2);
    // The fresh list is kept.
    await t.list('p1', names(['linkedin']));
    expect(t.reads()).toBe(2);
  });

  it('a read in flight when something is forgotten is answered but not kept', async () => {
    let release: () => void = () => undefined;
    const slow = new AccountsCache(() => true);
    let reads = 0;
    const read = () =>
      new Promise<AccountRecord[]>((resolve) => {
        reads += 1;
        release = () => resolve([account('facebook')]);
      });
    const pending = slow.list('p1', read);
    slow.forget('p9');
    release();
    expect(await pending).toHaveLength(1);
    const again = slow.list('p1', read);
    release();
    await again;
    expect(reads).toBe(2);
  });

  it('answers a frozen list: no request can change what the next one reads', async () => {
    const t = cache();
    expect(Object.isFrozen(await t.list())).toBe(true);
  });
});
