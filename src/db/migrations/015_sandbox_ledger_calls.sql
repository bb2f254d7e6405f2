-- The simulated network's writes are retried through a database outage (a real network is not
-- affected by Herald's database going away); each call carries its own id, so a retry of
-- the same call is never counted as a second create or a second refusal.
ALTER TABLE sandbox_ledger ADD COLUMN last_call uuid, ADD COLUMN refused_call uuid;
