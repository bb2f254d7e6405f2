-- The simulated network of sandbox accounts remembers what it did for each target, as a
-- real network would: the post it created (written at the moment it creates it, before
-- Herald records the answer) and whether a `#sandbox-fail-once-…` trigger already
-- refused the target once. A publish killed mid-call then reconciles truthfully:
-- published with the id the sandbox created, or not found (and sent once more).
CREATE TABLE sandbox_ledger (
  target_id       uuid PRIMARY KEY REFERENCES targets (id) ON DELETE CASCADE,
  -- NULL until the simulated network created the post.
  network_post_id text,
  post_url        text,
  created_at      timestamptz,
  -- Times the simulated network created this target's post: above 1, Herald sent it twice.
  creates         integer NOT NULL DEFAULT 0,
  -- The first attempt of a target whose text holds a fail-once trigger was refused.
  refused_once    boolean NOT NULL DEFAULT false
);
