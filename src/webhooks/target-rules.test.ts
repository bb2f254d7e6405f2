import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/database.ts';
import { IN_FLIGHT, TARGET_STATES, TRANSITIONS } from '../posts/target-state.ts';

/**
 * The webhook trigger (008_webhooks.sql) reads target states in SQL: bound here to the
 * one state machine (posts/target-state.ts), so a state added there cannot slip past it.
 */

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: await createTestDatabase() });
  await client.connect();
});
afterAll(() => client.end());

describe('the webhook trigger’s reading of target states', () => {
  it.each(TARGET_STATES)(
    '%s rests (its post may have an outcome) exactly when it is not in flight',
    async (state) => {
      const { rows } = await client.query<{ resting: boolean }>(
        'SELECT herald_webhook_resting($1) AS resting',
        [state],
      );
      expect(rows[0]?.resting).toBe(!IN_FLIGHT.includes(state));
    },
  );

  it('a state the table does not know is in flight: a post is never reported while it holds one', async () => {
    const { rows } = await client.query<{ resting: boolean }>(
      "SELECT herald_webhook_resting('paused') AS resting",
    );
    expect(rows[0]?.resting).toBe(false);
  });

  it('the retry it recognises (failed/unconfirmed → queued) are the table’s only moves back into the queue', () => {
    const intoQueue = TARGET_STATES.filter((s) => s !== 'sending' && TRANSITIONS[s].includes('queued'));
    expect(intoQueue.sort()).toEqual(['failed', 'unconfirmed']);
  });
});
