import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { freePort } from '../../test/helpers/herald.ts';
import { embeddedUrl, socketDirectory, startEmbeddedPostgres } from './embedded.ts';
import { openDatabase } from './open.ts';

/** What node-postgres makes of a URL (host, port, database, user). */
function parse(url: string) {
  // A public field of pg.Client that @types/pg does not declare.
  const client = new pg.Client({ connectionString: url }) as pg.Client & {
    connectionParameters: pg.ClientConfig;
  };
  const { host, port, database, user } = client.connectionParameters;
  return { host, port, database, user };
}

async function serverAddress(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ addr: string | null }>('SELECT host(inet_server_addr()) AS addr');
    return rows[0]?.addr ?? null;
  } finally {
    await client.end();
  }
}

describe('socketDirectory', () => {
  it.each([
    ['a short data folder holds the socket', '/srv/herald/postgres', 5432, '/srv/herald/postgres'],
    ['a folder whose socket path would pass 103 bytes has none', `/srv/${'x'.repeat(85)}`, 5432, undefined],
    ['103 bytes exactly still fits', `/srv/${'x'.repeat(84)}`, 5432, `/srv/${'x'.repeat(84)}`],
    ['a relative folder is made absolute', 'data/postgres', 5432, path.resolve('data/postgres')],
  ])('%s', (_name, dir, port, expected) => {
    expect(socketDirectory(dir, port)).toBe(expected);
  });
});

describe('embeddedUrl', () => {
  it('names the socket folder as host and keeps the port that names the socket', () => {
    const config = parse(embeddedUrl('herald', 5499, '/srv/my data/postgres'));
    expect(config).toMatchObject({
      host: '/srv/my data/postgres',
      port: 5499,
      database: 'herald',
      user: 'herald',
    });
  });

  it('is loopback TCP without a socket folder', () => {
    expect(parse(embeddedUrl('herald', 5499))).toMatchObject({ host: '127.0.0.1', port: 5499 });
  });
});

describe('the embedded cluster', () => {
  it("is reached through its Unix socket, and still over 127.0.0.1 (the suite's own cluster)", async () => {
    const admin = inject('pgAdminUrl');
    expect(new URL(admin).searchParams.get('host')).toMatch(/^\//);
    // A connection through a Unix socket has no server address.
    expect(await serverAddress(admin)).toBeNull();
    const tcp = new URL(admin);
    tcp.search = '';
    expect(await serverAddress(tcp.toString())).toBe('127.0.0.1');
  });

  it('starts on 127.0.0.1 alone where its folder can hold no socket', async () => {
    const dataDir = path.resolve('.tmp', `nosock-${randomBytes(4).toString('hex')}`);
    const port = await freePort();
    try {
      await (await startEmbeddedPostgres({ dataDir, port, log: () => {} })).stop();
      // A folder where the socket would go: PostgreSQL cannot make it there, as on a
      // filesystem without sockets, and refuses to start with the socket it was given.
      await mkdir(path.join(dataDir, `.s.PGSQL.${port}`));
      const lines: string[] = [];
      const server = await startEmbeddedPostgres({ dataDir, port, log: (line) => lines.push(line) });
      try {
        expect(lines.join('')).toContain('starting it on 127.0.0.1 only');
        expect(server.url('postgres')).toBe(embeddedUrl('postgres', port));
        expect(await serverAddress(server.url('postgres'))).toBe('127.0.0.1');
      } finally {
        await server.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('a second Herald on the same data folder reuses the running cluster through its socket', async () => {
    // Under the checkout, as the suite's cluster: as root, PostgreSQL runs as `postgres`, which
    // may not enter a private temporary folder.
    const dataDir = path.resolve('.tmp', `open-${randomBytes(4).toString('hex')}`);
    const config = { dataDir, embeddedPgPort: await freePort() };
    const first = await openDatabase(config, () => {});
    try {
      expect(first.embedded).toBeDefined();
      expect(first.url).toContain(`host=${encodeURIComponent(path.join(dataDir, 'postgres'))}`);
      const second = await openDatabase(config, () => {});
      expect(second).toEqual({ url: first.url });
      expect(await serverAddress(second.url)).toBeNull();
    } finally {
      await first.embedded?.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
