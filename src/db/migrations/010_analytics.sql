-- What a network last answered about one object of one account (a post's metrics, the
-- account's metrics, a page of its history), kept until next_update so repeated calls
-- do not spend the network's rate limits. A failure is kept too while the network asked
-- to be left alone (a throttle) or caches it itself (a missing permission).
CREATE TABLE analytics_cache (
  profile_id    uuid NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  account_id    uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  -- 'post:<network id>', 'account:<options>', 'history:<cursor>:<limit>'.
  object_key    text NOT NULL,
  -- The account's link time when this was fetched: a relink makes the row stale.
  linked_at     timestamptz NOT NULL,
  ok            boolean NOT NULL,
  -- A success: the network's answer as the connector shaped it. A failure: its catalog spec and seed fields.
  body          jsonb NOT NULL,
  -- Failures in a row for this object: a throttle backs off further each time.
  failures      integer NOT NULL DEFAULT 0,
  last_updated  timestamptz NOT NULL,
  next_update   timestamptz NOT NULL,
  PRIMARY KEY (account_id, object_key)
);
CREATE INDEX analytics_cache_profile ON analytics_cache (profile_id);
