/**
 * `npm run bench:claim-burst`: what claiming 20 targets costs right after a burst of
 * scheduled posts fell due, before any ANALYZE has seen them (migration 037). The statistics
 * are a quiet install's (a few hundred targets, all published); then `--queued N` targets
 * (20,000 by default) are queued at once. Each round claims `--claims N` (200) sets of 20
 * random queued targets with Herald's own claim (claimTargets), one after another, each in a
 * transaction rolled back so the burst stays whole, once with the old schema's
 * `targets_state` index (the baseline) and once without it, alternated `--rounds N` (3)
 * times. Autovacuum is off on the two tables so that no ANALYZE lands mid-run. `--json`
 * prints the figures as one JSON object.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { migrate } from '../src/db/migrate.ts';
import type { Queryable } from '../src/db/pool.ts';
import { claimTargets } from '../src/db/targets.ts';
import { seedQueuedBurst } from '../test/helpers/queued-burst.ts';
import { JSON_OUTPUT, numberFlag, printFigures } from './flags.ts';
import { startBenchPostgres } from './postgres.ts';
import { median } from './stats.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PER_CLAIM = 20;

const log = (line: string) => process.stderr.write(`bench:claim-burst: ${line}\n`);

/** Milliseconds per claim of PER_CLAIM random queued targets, each rolled back. */
async function claimRound(db: pg.Client, ids: readonly string[], claims: number): Promise<number> {
  let spent = 0;
  for (let i = 0; i < claims; i++) {
    const chosen = Array.from(
      { length: PER_CLAIM },
      () => ids[Math.floor(Math.random() * ids.length)] as string,
    );
    await db.query('BEGIN');
    const started = performance.now();
    const claimed = await claimTargets(db as Queryable, chosen, 60_000);
    spent += performance.now() - started;
    await db.query('ROLLBACK');
    if (claimed.filter(Boolean).length === 0) throw new Error('a claim claimed nothing');
  }
  return spent / claims;
}

async function main(): Promise<void> {
  const queued = numberFlag('queued', 20_000);
  const claims = numberFlag('claims', 200);
  const rounds = numberFlag('rounds', 3);
  const pgDir = path.join(ROOT, '.tmp', `bench-claim-${process.pid}`);
  log(`starting PostgreSQL; ${queued} targets queued at once, ${claims} claims of ${PER_CLAIM} per round`);
  const postgres = await startBenchPostgres(pgDir);
  const db = new pg.Client({ connectionString: postgres.url });
  try {
    await migrate(postgres.url);
    await db.connect();
    await seedQueuedBurst(db, queued);
    const { rows } = await db.query<{ id: string }>("SELECT id FROM targets WHERE state = 'queued'");
    const ids = rows.map((r) => r.id);
    const before: number[] = [];
    const after: number[] = [];
    for (let r = 1; r <= rounds; r++) {
      // The schema before migration 037: the same table with its index on state.
      await db.query('CREATE INDEX targets_state ON targets (state)');
      before.push(await claimRound(db, ids, claims));
      await db.query('DROP INDEX targets_state');
      after.push(await claimRound(db, ids, claims));
      log(
        `round ${r}: ${before.at(-1)?.toFixed(2)} ms a claim with targets_state, ${after.at(-1)?.toFixed(2)} ms without`,
      );
    }
    const figures = {
      queued,
      claims_per_round: claims,
      targets_per_claim: PER_CLAIM,
      rounds,
      claim_ms_with_state_index: median(before),
      claim_ms: median(after),
      ratio: median(after) / median(before),
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      node: process.version,
      postgres: postgres.version,
    };
    if (JSON_OUTPUT) printFigures(figures);
    else
      process.stdout.write(
        `claim of ${PER_CLAIM} targets, ${queued} queued since the last ANALYZE (medians of ${rounds} rounds of ${claims}):\n` +
          `  with targets_state (before migration 037, baseline): ${figures.claim_ms_with_state_index.toFixed(2)} ms\n` +
          `  without it (now): ${figures.claim_ms.toFixed(2)} ms (${figures.ratio.toFixed(3)}×)\n`,
      );
  } finally {
    await db.end().catch(() => undefined);
    await postgres.stop();
  }
}

await main();
