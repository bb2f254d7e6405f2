-- End users link their own accounts (the hosted connect page) and tokens stay alive.

-- One connect page per generateJWT: it lives exactly as long as the JWT (expires_at).
-- X's BYO app keys given to generateJWT are kept only here, sealed (AES-256-GCM), and
-- the row is deleted once it has expired (the refresh job sweeps them).
CREATE TABLE link_sessions (
  id              uuid PRIMARY KEY,
  profile_id      uuid NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  expires_at      timestamptz NOT NULL,
  allowed_social  text[],
  redirect        text,
  sealed_secrets  text,
  -- Set by a later generateJWT with logout: true, or never.
  ended_at        timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX link_sessions_profile ON link_sessions (profile_id);
CREATE INDEX link_sessions_expiry ON link_sessions (expires_at);

-- One network authorization started from a page: its `state` (stored hashed), the PKCE
-- verifier or OAuth 1.0a request token secret (sealed), then, when the network answered
-- with several accounts to choose from, the grant and the choices (sealed) until the pick.
-- `used_at` makes the state single-use; `expires_at` never outlives the page.
CREATE TABLE link_flows (
  id            uuid PRIMARY KEY,
  session_id    uuid NOT NULL REFERENCES link_sessions (id) ON DELETE CASCADE,
  profile_id    uuid NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  platform      text NOT NULL,
  state_hash    text NOT NULL UNIQUE,
  sealed        text NOT NULL,
  stage         text NOT NULL CHECK (stage IN ('authorizing', 'choosing', 'done')),
  used_at       timestamptz,
  expires_at    timestamptz NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX link_flows_session ON link_flows (session_id);

-- Mastodon has no central app: Herald registers itself once per instance (POST /api/v1/apps).
CREATE TABLE mastodon_apps (
  instance       text PRIMARY KEY,
  redirect_uri   text NOT NULL,
  client_id      text NOT NULL,
  sealed_secret  text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);

-- Token health of each linked account. refresh_at: when the refresh job renews the
-- access token (about 80 % of its life); relink_by: the last moment the account works
-- without its owner (Ayrshare's refreshDaysRemaining counts down to it).
ALTER TABLE accounts
  ADD COLUMN token_expires_at timestamptz,
  ADD COLUMN refresh_at timestamptz,
  ADD COLUMN relink_by timestamptz,
  ADD COLUMN health text NOT NULL DEFAULT 'ok' CHECK (health IN ('ok', 'needs-relink')),
  ADD COLUMN health_reason text,
  ADD COLUMN linked_via text NOT NULL DEFAULT 'api' CHECK (linked_via IN ('api', 'connect')),
  -- The account's picture as the network listed it at link time (Ayrshare's userImage).
  ADD COLUMN user_image text;
CREATE INDEX accounts_refresh_due ON accounts (refresh_at) WHERE refresh_at IS NOT NULL AND health = 'ok';

-- Link, unlink and refresh-failure events, written in the same transaction as the change
-- they record (Ayrshare's `social` webhook is built from these rows: type, source, details).
CREATE TABLE account_events (
  id            bigserial PRIMARY KEY,
  profile_id    uuid NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  platform      text NOT NULL,
  type          text NOT NULL CHECK (type IN ('link', 'unlink', 'refresh')),
  source        text NOT NULL CHECK (source IN ('user', 'system')),
  display_name  text NOT NULL DEFAULT '',
  details       jsonb,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX account_events_profile ON account_events (profile_id, created_at DESC);
