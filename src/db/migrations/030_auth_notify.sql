-- API processes keep the API keys and profiles they authenticated in memory
-- (src/http/auth-cache.ts). Any change to either table, by Herald or by hand, tells every
-- process to forget them, through the one LISTEN connection each process keeps
-- (src/app/target-waiter.ts): a revoked key or a deleted profile stops working at once.
-- Per statement, not per row: one notification however many rows a statement touches.
CREATE FUNCTION herald_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('herald_auth', TG_TABLE_NAME);
  RETURN NULL;
END
$$;

CREATE TRIGGER api_keys_auth_changed AFTER UPDATE OR DELETE OR TRUNCATE ON api_keys
  FOR EACH STATEMENT EXECUTE FUNCTION herald_auth_changed();
CREATE TRIGGER profiles_auth_changed AFTER UPDATE OR DELETE OR TRUNCATE ON profiles
  FOR EACH STATEMENT EXECUTE FUNCTION herald_auth_changed();
