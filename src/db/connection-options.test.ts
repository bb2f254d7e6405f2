import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import type pg from 'pg';
import pino from 'pino';
import { describe, expect, inject, it } from 'vitest';
import { TargetWaiter } from '../app/target-waiter.ts';
import { CONNECTION_OPTIONS } from './connection-options.ts';
import { createEnginePool, createPool } from './pool.ts';

/** The suite's PostgreSQL over TCP (keepalive is a TCP matter: the socket URL is left out). */
function tcpUrl(): string {
  const url = new URL(inject('pgAdminUrl'));
  url.searchParams.delete('host');
  return url.toString();
}

function socketOf(client: pg.Client | pg.PoolClient): Socket {
  return (client as unknown as { connection: { stream: Socket } }).connection.stream;
}

/**
 * The kernel's timer on the loopback TCP connection from `localPort` (/proc/net/tcp, "tr"):
 * 2 while a keepalive timer runs on an idle connection, 0 when none does.
 */
function timerOf(localPort: number): number | undefined {
  const hex = `:${localPort.toString(16).toUpperCase().padStart(4, '0')}`;
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields[1]?.endsWith(hex)) return Number.parseInt((fields[5] ?? '').split(':')[0] ?? '', 16);
  }
  return undefined;
}

const idle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe.runIf(process.platform === 'linux')('connections Herald keeps open have TCP keepalive', () => {
  it.each([
    ['the pool', createPool],
    ['the engine pool', createEnginePool],
  ])('%s', async (_name, create) => {
    const pool = create(tcpUrl(), 2, () => undefined);
    try {
      const client = await pool.connect();
      await client.query('SELECT 1');
      const port = socketOf(client).localPort as number;
      client.release();
      await idle();
      expect(timerOf(port)).toBe(2);
      // The connect timeout too (what a wedged server would otherwise hold for good).
      expect((pool as unknown as { options: object }).options).toMatchObject(CONNECTION_OPTIONS);
    } finally {
      await pool.end();
    }
  });

  it('the LISTEN connection', async () => {
    const waiter = new TargetWaiter(tcpUrl(), pino({ level: 'silent' }));
    await waiter.start();
    try {
      const client = (waiter as unknown as { client: pg.Client }).client;
      await idle();
      expect(timerOf(socketOf(client).localPort as number)).toBe(2);
    } finally {
      await waiter.stop();
    }
  });

  it('and a connection made without the options has none (what the check tells apart)', async () => {
    const { default: pgModule } = await import('pg');
    const client = new pgModule.Client({ connectionString: tcpUrl() });
    await client.connect();
    try {
      await idle();
      expect(timerOf(socketOf(client).localPort as number)).toBe(0);
    } finally {
      await client.end();
    }
  });
});
