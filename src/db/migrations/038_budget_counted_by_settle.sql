-- The budget counters (migration 036) were kept by an AFTER UPDATE statement trigger with
-- transition tables. PostgreSQL fills those tables with every row of every UPDATE of targets,
-- and then the function joins them. That happens for the claim, the hand-over, a progress save
-- and a waiting request's mark too, although only a change of published_at changes a count.
-- PostgreSQL refuses a column list (UPDATE OF published_at) on a trigger with transition
-- tables. A row trigger would upsert the counters in row order and give up their lock order.
--
-- published_at is written by one statement only: the settle to published (markPublishedMany
-- in src/db/targets.ts). `published` is final, so every row it moves had no published_at
-- before. That statement now adds its rows to the counters itself, through herald_budget_add,
-- which takes the counters' locks in (account_id, hour) order as the trigger did. The
-- triggers on INSERT, DELETE and TRUNCATE stay: rows born published (an import, the tests)
-- and deleted posts still count.
--
-- In the fan-out bench without this trigger (three alternated pairs), deliveries went from
-- 917 to 1,074, 717 to 953 and 857 to 936 a second, and PostgreSQL used less CPU
-- (docs/benchmarks.md, nineteenth session).
DROP TRIGGER targets_budget_updated ON targets;

CREATE OR REPLACE FUNCTION herald_budget_counts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  added jsonb;
  removed jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(g) INTO added FROM (
      SELECT account_id, date_trunc('hour', published_at, 'UTC') AS hour, count(*) AS n FROM new_rows
      WHERE published_at IS NOT NULL AND account_id IS NOT NULL GROUP BY 1, 2
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
    UPDATE budget_counts b SET published = b.published - (e->>'n')::int
    FROM jsonb_array_elements(removed) e
    WHERE b.account_id = (e->>'account_id')::uuid AND b.hour = (e->>'hour')::timestamptz;
  END IF;
  RETURN NULL;
END
$$;
