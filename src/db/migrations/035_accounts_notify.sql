-- API processes keep each profile's linked accounts in memory for POST /api/post's checks
-- (src/app/accounts-cache.ts): the accept read them once per request, its one statement
-- besides the batched insert, and the costliest part of a scheduled accept (issue 16,
-- docs/benchmarks.md). Any change to accounts, by Herald or by hand, tells every process to
-- forget that profile's accounts, through the LISTEN connection each process keeps
-- (src/app/target-waiter.ts). Per statement, one notification per profile it touched; an
-- empty payload (TRUNCATE) forgets every profile.
CREATE FUNCTION herald_accounts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM pg_notify('herald_accounts', '');
    RETURN NULL;
  END IF;
  PERFORM pg_notify('herald_accounts', profile_id::text) FROM (SELECT DISTINCT profile_id FROM changed) touched;
  RETURN NULL;
END
$$;

CREATE TRIGGER accounts_inserted AFTER INSERT ON accounts REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION herald_accounts_changed();
CREATE TRIGGER accounts_updated AFTER UPDATE ON accounts REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION herald_accounts_changed();
CREATE TRIGGER accounts_deleted AFTER DELETE ON accounts REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION herald_accounts_changed();
CREATE TRIGGER accounts_truncated AFTER TRUNCATE ON accounts
  FOR EACH STATEMENT EXECUTE FUNCTION herald_accounts_changed();
