import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { isTransientDbError, retryTransient } from './transient.ts';

function pgError(code: string, message = 'x'): Error {
  return Object.assign(new Error(message), { code });
}

describe('isTransientDbError', () => {
  it.each([
    [pgError('57P01', 'terminating connection due to administrator command'), true],
    [pgError('57P03', 'the database system is starting up'), true],
    [pgError('08006'), true],
    [pgError('08001'), true],
    [pgError('53300', 'too many clients'), true],
    [pgError('40001', 'could not serialize access'), true],
    // Cancelled by statement_timeout (HERALD_DB_STATEMENT_TIMEOUT_MS): rolled back, try again.
    [pgError('57014', 'canceling statement due to statement timeout'), true],
    [pgError('ECONNREFUSED'), true],
    // A stopped cluster's socket file is gone: connect ENOENT. Any other ENOENT is a missing file.
    [Object.assign(pgError('ENOENT', 'connect ENOENT /data/.s.PGSQL.5432'), { syscall: 'connect' }), true],
    [Object.assign(pgError('ENOENT', 'no such file or directory'), { syscall: 'open' }), false],
    [pgError('ENOENT'), false],
    [new Error('Connection terminated unexpectedly'), true],
    [Object.assign(new Error('fetch failed'), { cause: pgError('ECONNRESET') }), true],
    [pgError('23505', 'duplicate key value'), false],
    [pgError('22P02', 'invalid input syntax'), false],
    [pgError('42P01', 'relation does not exist'), false],
    [new Error('Connection terminated unexpectedly, said the network'), false],
    ['not an error', false],
  ])('%s → %s', (err, transient) => {
    expect(isTransientDbError(err)).toBe(transient);
  });
});

describe('isTransientDbError on a real socket', () => {
  it('a socket folder with no PostgreSQL in it is an outage, as a refused TCP port is', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'herald-nosock-'));
    const client = new pg.Client({ host: dir, port: 5432, database: 'x', user: 'x' });
    try {
      const error = await client.connect().then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(error).toMatchObject({ code: 'ENOENT', syscall: 'connect' });
      expect(isTransientDbError(error)).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('retryTransient', () => {
  it('retries a transient failure until it succeeds', async () => {
    let calls = 0;
    const result = await retryTransient(async () => {
      calls++;
      if (calls < 3) throw pgError('57P01');
      return 'ok';
    }, Date.now() + 10_000);
    expect({ result, calls }).toEqual({ result: 'ok', calls: 3 });
  });

  it('rethrows at once what is not transient', async () => {
    let calls = 0;
    await expect(
      retryTransient(async () => {
        calls++;
        throw pgError('23505');
      }, Date.now() + 10_000),
    ).rejects.toMatchObject({ code: '23505' });
    expect(calls).toBe(1);
  });

  it('gives up at the deadline', async () => {
    let calls = 0;
    await expect(
      retryTransient(async () => {
        calls++;
        throw pgError('08006');
      }, Date.now() + 300),
    ).rejects.toMatchObject({ code: '08006' });
    expect(calls).toBeGreaterThan(1);
  });
});
