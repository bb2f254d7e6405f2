-- Herald's schema. Jobs live in graphile-worker's own schema, in the same database,
-- so a job is added in the same transaction as the rows it acts on.

CREATE TABLE profiles (
  id            uuid PRIMARY KEY,
  title         text NOT NULL UNIQUE,
  ref_id        text NOT NULL UNIQUE,
  is_primary    boolean NOT NULL DEFAULT false,
  -- SHA-256 of the profile key; NULL for the primary profile (it is the account itself).
  key_hash      text UNIQUE,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX profiles_one_primary ON profiles (is_primary) WHERE is_primary;

-- API keys authenticate the account (the primary profile); stored as SHA-256 only.
CREATE TABLE api_keys (
  id            uuid PRIMARY KEY,
  key_hash      text NOT NULL UNIQUE,
  prefix        text NOT NULL,
  label         text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  revoked_at    timestamptz
);

-- One linked network account per profile and platform (Ayrshare's model).
CREATE TABLE accounts (
  id            uuid PRIMARY KEY,
  profile_id    uuid NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  platform      text NOT NULL,
  sandbox       boolean NOT NULL,
  external_id   text NOT NULL,
  username      text NOT NULL,
  display_name  text NOT NULL,
  profile_url   text NOT NULL,
  -- AES-256-GCM: iv || tag || ciphertext, base64; never logged, never returned.
  credentials   text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (profile_id, platform)
);

CREATE TABLE posts (
  id              text PRIMARY KEY,
  profile_id      uuid NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  text            text NOT NULL,
  platforms       text[] NOT NULL,
  media_urls      text[] NOT NULL DEFAULT '{}',
  is_video        boolean NOT NULL DEFAULT false,
  options         jsonb NOT NULL DEFAULT '{}',
  schedule_date   timestamptz,
  type            text NOT NULL CHECK (type IN ('now', 'scheduled')),
  idempotency_key text,
  request_hash    text,
  -- The first answer of an idempotent request, replayed verbatim for the same key and body.
  first_response  jsonb,
  first_status    integer,
  cancelled_at    timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX posts_idempotency ON posts (profile_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX posts_profile_created ON posts (profile_id, created_at DESC);

-- One row per (post x network): its own state machine.
-- queued -> sending -> published | failed | pending | unconfirmed; cancelled/deleted by the user.
CREATE TABLE targets (
  id              uuid PRIMARY KEY,
  post_id         text NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  platform        text NOT NULL,
  account_id      uuid REFERENCES accounts (id) ON DELETE SET NULL,
  state           text NOT NULL CHECK (state IN ('queued', 'sending', 'published', 'failed', 'pending', 'unconfirmed', 'cancelled', 'deleted')),
  attempts        integer NOT NULL DEFAULT 0,
  network_post_id text,
  post_url        text,
  extra           jsonb,
  -- The catalog spec of the failure ({code, variant, params, details}); rendered on read.
  error           jsonb,
  warnings        jsonb,
  -- Not before this time (automatic retry after a rate limit or an outage).
  next_attempt_at timestamptz,
  -- While `sending`: the sender is alive until this time. Past it, the sender died
  -- mid-call and the target is reconciled, never blindly re-sent.
  lease_until     timestamptz,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (post_id, platform),
  -- A published target always has the network's id: written in the same statement.
  CHECK (state <> 'published' OR network_post_id IS NOT NULL)
);
CREATE INDEX targets_state ON targets (state);

CREATE TABLE attempts (
  id          bigserial PRIMARY KEY,
  target_id   uuid NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
  number      integer NOT NULL,
  started_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  outcome     text,
  error_code  integer,
  detail      text,
  UNIQUE (target_id, number)
);

-- Wakes callers waiting on an immediate post, in whatever process they run.
CREATE FUNCTION herald_notify_target() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('herald_targets', NEW.post_id);
  RETURN NEW;
END $$;
CREATE TRIGGER targets_notify AFTER INSERT OR UPDATE OF state ON targets
  FOR EACH ROW EXECUTE FUNCTION herald_notify_target();
