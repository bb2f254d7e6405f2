import { mkdtempSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanupMedia, LEFTOVER_AGE_MS } from './media-cleanup.ts';
import { localMediaStore } from './media-store.ts';

/** The cleanup over the local store; ages are set with utimes, never waited for. */

const DAY = 86_400_000;
const RETENTION = 7 * DAY;
const name = (c: string) => `${c.repeat(32)}.jpg`;

function folder() {
  const dir = mkdtempSync(path.join(tmpdir(), 'herald-cleanup-'));
  const age = (file: string, ms: number) => {
    const when = new Date(Date.now() - ms);
    utimesSync(path.join(dir, file), when, when);
  };
  const write = (file: string, ms: number) => {
    writeFileSync(path.join(dir, file), 'x');
    age(file, ms);
  };
  return { dir, write, age, files: () => readdirSync(dir).sort() };
}

describe('media cleanup (local store)', () => {
  it('deletes stored files past the retention and half-written leftovers past an hour, nothing else', async () => {
    const { dir, write, files } = folder();
    write(name('a'), RETENTION + 60_000); // old: goes
    write(name('b'), RETENTION - 60_000); // young: stays
    write(`${name('c')}.123.1700000000000.part`, LEFTOVER_AGE_MS + 60_000); // dead write: goes
    write(`${name('d')}.123.1700000000000.part`, 60_000); // a write in progress: stays
    // Not Herald's names: never deleted, however old.
    for (const foreign of ['notes.txt', `${'A'.repeat(32)}.jpg`, `${'a'.repeat(31)}.jpg`, `${name('e')}.bak`])
      write(foreign, 365 * DAY);

    const report = await cleanupMedia(localMediaStore(dir), { retentionMs: RETENTION });

    expect(report).toEqual({ deleted: 1, leftovers: 1 });
    expect(files()).toEqual(
      [
        name('b'),
        `${name('d')}.123.1700000000000.part`,
        'notes.txt',
        `${'A'.repeat(32)}.jpg`,
        `${'a'.repeat(31)}.jpg`,
        `${name('e')}.bak`,
      ].sort(),
    );
  });

  it('a file stored again gets a fresh age: the rename keeps the new write’s mtime', async () => {
    const { dir, age, files } = folder();
    const store = localMediaStore(dir);
    await store.put(name('a'), Buffer.from('first'));
    age(name('a'), RETENTION + DAY);
    await store.put(name('a'), Buffer.from('again'));
    expect(Date.now() - statSync(path.join(dir, name('a'))).mtimeMs).toBeLessThan(60_000);
    expect(await cleanupMedia(store, { retentionMs: RETENTION })).toEqual({ deleted: 0, leftovers: 0 });
    expect(files()).toEqual([name('a')]);
    expect((await store.get(name('a')))?.toString()).toBe('again');
  });

  it('retention 0 keeps stored files forever; leftovers still go', async () => {
    const { dir, write, files } = folder();
    write(name('a'), 10 * 365 * DAY);
    write(`${name('b')}.1.2.part`, 2 * LEFTOVER_AGE_MS);
    expect(await cleanupMedia(localMediaStore(dir), { retentionMs: 0 })).toEqual({
      deleted: 0,
      leftovers: 1,
    });
    expect(files()).toEqual([name('a')]);
  });

  it('`now` decides what is old (the clock is injected)', async () => {
    const { dir, write, files } = folder();
    write(name('a'), 0);
    const store = localMediaStore(dir);
    expect(await cleanupMedia(store, { retentionMs: RETENTION, now: Date.now() + RETENTION - DAY })).toEqual({
      deleted: 0,
      leftovers: 0,
    });
    expect(await cleanupMedia(store, { retentionMs: RETENTION, now: Date.now() + RETENTION + DAY })).toEqual({
      deleted: 1,
      leftovers: 0,
    });
    expect(files()).toEqual([]);
  });

  it('a missing media folder (nothing converted yet) is nothing to clean', async () => {
    const store = localMediaStore(path.join(tmpdir(), 'herald-no-such-folder', 'media'));
    expect(await cleanupMedia(store, { retentionMs: RETENTION })).toEqual({ deleted: 0, leftovers: 0 });
  });
});

describe('local store delete', () => {
  it('keeps a file written after the cutoff it is given (re-stored since the listing)', async () => {
    const { dir, write, files } = folder();
    write(name('a'), DAY);
    const store = localMediaStore(dir);
    expect(await store.delete(name('a'), new Date(Date.now() - 2 * DAY))).toBe(false);
    expect(files()).toEqual([name('a')]);
    expect(await store.delete(name('a'), new Date())).toBe(true);
    expect(await store.delete(name('a'), new Date())).toBe(false);
  });

  it('refuses any name Herald does not write', async () => {
    const { dir, write } = folder();
    write('notes.txt', DAY);
    const store = localMediaStore(dir);
    for (const bad of ['notes.txt', '../secret.key', `${name('a')}/x`])
      await expect(store.delete(bad, new Date())).rejects.toThrow(/refusing to delete/);
  });
});
