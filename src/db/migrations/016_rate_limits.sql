-- Requests counted per rate-limit window, shared by every API process: each process counts
-- in memory and adds its counts here every HERALD_RATE_LIMIT_FLUSH_MS, reading back the
-- totals (src/app/rate-limiter.ts). UNLOGGED: no WAL for a row written every second by each
-- process; a PostgreSQL crash empties the table, which only starts the current window again.
CREATE UNLOGGED TABLE rate_limit_counts (
  bucket       text NOT NULL,          -- 'profile:<id>' or 'key:<id>'
  window_start timestamptz NOT NULL,
  count        integer NOT NULL,
  PRIMARY KEY (bucket, window_start)
);
