-- Comments Herald sends: one row per (comment request x network), so a delete by post id
-- deletes exactly these, and a profile sees only its own. A row is written in `sending`
-- before the network is called (the claim); the network's id is written in the statement
-- that makes it `posted`. A post's firstComment is the one row of kind 'first' of its target.
CREATE TABLE comments (
  id                 uuid PRIMARY KEY,
  -- Herald's commentId, shared by the networks of one request (what the caller replies to).
  comment_id         text NOT NULL,
  profile_id         uuid NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  post_id            text REFERENCES posts (id) ON DELETE CASCADE,
  target_id          uuid REFERENCES targets (id) ON DELETE CASCADE,
  account_id         uuid REFERENCES accounts (id) ON DELETE SET NULL,
  platform           text NOT NULL,
  kind               text NOT NULL CHECK (kind IN ('comment', 'reply', 'first')),
  network_post_id    text NOT NULL,
  network_parent_id  text,
  network_comment_id text,
  text               text NOT NULL,
  media_urls         text[] NOT NULL DEFAULT '{}',
  state              text NOT NULL CHECK (state IN ('sending', 'posted', 'failed', 'unconfirmed', 'deleted')),
  error              jsonb,
  extra              jsonb,
  -- While `sending`: the sender is alive until then. Past it, the sender died mid-call.
  lease_until        timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (comment_id, platform),
  CHECK (state <> 'posted' OR network_comment_id IS NOT NULL)
);
CREATE UNIQUE INDEX comments_first_once ON comments (target_id) WHERE kind = 'first';
CREATE INDEX comments_profile_post ON comments (profile_id, post_id);
CREATE INDEX comments_network_id ON comments (platform, network_comment_id);
CREATE INDEX comments_sending ON comments (lease_until) WHERE state = 'sending';

-- Facts about comments for the `comments` webhook: one row per comment Herald sent or saw
-- arrive on a post (a read records each one once), written with the change that causes it.
CREATE TABLE comment_events (
  id                 bigserial PRIMARY KEY,
  profile_id         uuid NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  platform           text NOT NULL,
  direction          text NOT NULL CHECK (direction IN ('sent', 'received')),
  post_id            text,
  network_post_id    text NOT NULL,
  network_comment_id text NOT NULL,
  payload            jsonb NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (profile_id, platform, network_comment_id, direction)
);
