-- A rolling 24 h posting budget (Instagram 50, LinkedIn 150, ... up to the 100,000 that
-- HERALD_<NETWORK>_DAILY_BUDGET allows) was checked by counting the account's published
-- targets of the last 24 h before every publish: a cost that grew with the budget, one heap
-- visit per post counted (issue 16: the costliest statement of an immediate post in
-- `npm run bench -- --statements`). The posts an account published are now also counted per
-- UTC hour, in the same transaction as the publish, by the triggers below: whatever writes
-- targets.published_at (Herald's settle, a restore, a hand-made row) is counted. A budget check
-- (budgetUsages, src/db/targets.ts) adds the hours wholly inside the window and counts the
-- targets of the one hour the window's start cuts, so the answer is as exact as before.
CREATE TABLE budget_counts (
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  -- The UTC hour the posts were published in.
  hour       timestamptz NOT NULL,
  published  integer NOT NULL,
  PRIMARY KEY (account_id, hour)
);

-- Targets being sent count too (a concurrent send cannot exceed the budget): a few rows.
CREATE INDEX targets_account_sending ON targets (account_id) WHERE state = 'sending';

-- Adds the published targets of `added` (a transition table's rows, grouped) to their hours,
-- in (account, hour) order so that concurrent statements lock the counters in one order;
-- then forgets that account's hours no window reads any more.
CREATE FUNCTION herald_budget_add(added jsonb) RETURNS void LANGUAGE sql AS $$
  WITH a AS (
    SELECT (e->>'account_id')::uuid AS account_id, (e->>'hour')::timestamptz AS hour, (e->>'n')::int AS n
    FROM jsonb_array_elements(added) e
  ), upserted AS (
    INSERT INTO budget_counts AS b (account_id, hour, published)
    SELECT account_id, hour, n FROM a ORDER BY account_id, hour
    ON CONFLICT (account_id, hour) DO UPDATE SET published = b.published + EXCLUDED.published
    RETURNING b.account_id
  )
  DELETE FROM budget_counts
  WHERE account_id IN (SELECT account_id FROM upserted) AND hour < now() - interval '25 hours';
$$;

CREATE FUNCTION herald_budget_counts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  added jsonb;
  removed jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(g) INTO added FROM (
      SELECT account_id, date_trunc('hour', published_at, 'UTC') AS hour, count(*) AS n FROM new_rows
      WHERE published_at IS NOT NULL AND account_id IS NOT NULL GROUP BY 1, 2
    ) g;
  ELSIF TG_OP = 'UPDATE' THEN
    -- Only a change of published_at moves a count. An account's removal sets the targets'
    -- account_id to NULL and drops the account's counters with it (ON DELETE CASCADE).
    SELECT jsonb_agg(g) INTO added FROM (
      SELECT n.account_id, date_trunc('hour', n.published_at, 'UTC') AS hour, count(*) AS n
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE n.published_at IS NOT NULL AND n.account_id IS NOT NULL
        AND o.published_at IS DISTINCT FROM n.published_at
      GROUP BY 1, 2
    ) g;
    SELECT jsonb_agg(g) INTO removed FROM (
      SELECT o.account_id, date_trunc('hour', o.published_at, 'UTC') AS hour, count(*) AS n
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE o.published_at IS NOT NULL AND o.account_id IS NOT NULL
        AND o.published_at IS DISTINCT FROM n.published_at
      GROUP BY 1, 2
    ) g;
  ELSE
    SELECT jsonb_agg(g) INTO removed FROM (
      SELECT account_id, date_trunc('hour', published_at, 'UTC') AS hour, count(*) AS n FROM old_rows
      WHERE published_at IS NOT NULL AND account_id IS NOT NULL GROUP BY 1, 2
    ) g;
  END IF;
  IF added IS NOT NULL THEN
    PERFORM herald_budget_add(added);
  END IF;
  IF removed IS NOT NULL THEN
    -- Only existing counters: an account being removed has none left to write.
    UPDATE budget_counts b SET published = b.published - (e->>'n')::int
    FROM jsonb_array_elements(removed) e
    WHERE b.account_id = (e->>'account_id')::uuid AND b.hour = (e->>'hour')::timestamptz;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER targets_budget_inserted AFTER INSERT ON targets REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION herald_budget_counts_changed();
CREATE TRIGGER targets_budget_updated AFTER UPDATE ON targets
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION herald_budget_counts_changed();
CREATE TRIGGER targets_budget_deleted AFTER DELETE ON targets REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION herald_budget_counts_changed();

-- Emptying targets empties the counts with them (a TRUNCATE fires no row or statement trigger above).
CREATE FUNCTION herald_budget_counts_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM budget_counts;
  RETURN NULL;
END
$$;

CREATE TRIGGER targets_budget_truncated AFTER TRUNCATE ON targets
  FOR EACH STATEMENT EXECUTE FUNCTION herald_budget_counts_truncated();

-- The hours a window can still read, from the targets already published (the triggers above
-- and this statement run under the lock CREATE TRIGGER took, so no publish is missed or
-- counted twice).
INSERT INTO budget_counts (account_id, hour, published)
SELECT account_id, date_trunc('hour', published_at, 'UTC'), count(*) FROM targets
WHERE published_at > now() - interval '25 hours' AND account_id IS NOT NULL
GROUP BY 1, 2;
