-- The graphile-worker pools alive right now, one row per pool, refreshed by its process
-- every few seconds. A job locked by a pool that stopped refreshing (its process was
-- killed, or lost the database and restarted its pool) is unlocked by the minute sweep,
-- instead of waiting for graphile-worker's own 4-hour lock timeout.
CREATE TABLE herald_worker_pools (
  id           text PRIMARY KEY,
  role         text NOT NULL,
  host         text NOT NULL,
  pid          integer NOT NULL,
  started_at   timestamptz NOT NULL DEFAULT now(),
  heartbeat_at timestamptz NOT NULL DEFAULT now()
);
