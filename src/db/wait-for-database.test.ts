import { createServer, type Server, Socket } from 'node:net';
import { describe, expect, inject, it } from 'vitest';
import { freePort } from '../../test/helpers/herald.ts';
import { DatabaseUnreachable, describeDatabase } from './database-unreachable.ts';
import { waitForDatabase } from './wait-for-database.ts';

/** The suite's PostgreSQL over TCP, as `user:password@127.0.0.1:port`, on another port if given. */
function tcpUrl(port?: number, password?: string): string {
  const url = new URL(inject('pgAdminUrl'));
  url.searchParams.delete('host');
  if (port) url.port = String(port);
  if (password) url.password = password;
  return url.toString();
}

/** A loopback port that starts forwarding to the suite's PostgreSQL after `delayMs`: a database still starting. */
async function lateDatabase(delayMs: number): Promise<{ url: string; close: () => void }> {
  const port = await freePort();
  const target = Number(new URL(inject('pgAdminUrl')).port);
  let server: Server | undefined;
  const timer = setTimeout(() => {
    server = createServer((client) => {
      const upstream = new Socket().connect(target, '127.0.0.1');
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    }).listen(port, '127.0.0.1');
  }, delayMs);
  const close = () => {
    clearTimeout(timer);
    server?.close();
  };
  return { url: tcpUrl(port), close };
}

describe('describeDatabase', () => {
  it.each([
    ['postgres://herald:s3cret@db.internal:6543/herald', 'db.internal:6543/herald'],
    ['postgres://herald:s3cret@db.internal/herald', 'db.internal:5432/herald'],
    [
      'postgres://herald@127.0.0.1:54329/herald?host=/srv/herald/data/postgres',
      '/srv/herald/data/postgres/herald',
    ],
    ['not a url', '(DATABASE_URL, not a URL)'],
  ])('%s → %s (never the password)', (url, described) => {
    expect(describeDatabase(url)).toBe(described);
  });
});

describe('waitForDatabase', () => {
  it('returns at once when the database answers', async () => {
    const notices: string[] = [];
    await waitForDatabase(tcpUrl(), 0, (m) => notices.push(m));
    expect(notices).toEqual([]);
  });

  it('waits for a database that starts accepting connections later, saying so once', async () => {
    const late = await lateDatabase(1200);
    const notices: string[] = [];
    try {
      await waitForDatabase(late.url, 30_000, (m) => notices.push(m));
    } finally {
      late.close();
    }
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(
      /^waiting up to 30 s for the database at 127\.0\.0\.1:\d+\/postgres \(connect ECONNREFUSED/,
    );
  });

  it('gives up after its wait, naming the database but not the password', async () => {
    const url = tcpUrl(await freePort(), 'never-printed');
    const notices: string[] = [];
    const error = await waitForDatabase(url, 700, (m) => notices.push(m)).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(DatabaseUnreachable);
    const message = (error as Error).message;
    expect(message).toMatch(
      /^cannot reach the database at 127\.0\.0\.1:\d+\/postgres, after waiting 1 s: connect ECONNREFUSED/,
    );
    expect(message).toContain('herald doctor');
    expect(message).not.toContain('never-printed');
    expect(notices).toHaveLength(1);
  });

  it('does not wait when told not to', async () => {
    const notices: string[] = [];
    const error = await waitForDatabase(tcpUrl(await freePort()), 0, (m) => notices.push(m)).catch((e) => e);
    expect(error).toBeInstanceOf(DatabaseUnreachable);
    expect((error as Error).message).not.toContain('after waiting');
    expect(notices).toEqual([]);
  });

  it('fails at once on what waiting cannot change: a missing database', async () => {
    const url = new URL(tcpUrl());
    url.pathname = '/no_such_database_here';
    const notices: string[] = [];
    const error = await waitForDatabase(url.toString(), 30_000, (m) => notices.push(m)).catch((e) => e);
    expect(error).toBeInstanceOf(DatabaseUnreachable);
    expect((error as { cause?: { code?: string } }).cause?.code).toBe('3D000');
    expect(notices).toEqual([]);
  });
});
