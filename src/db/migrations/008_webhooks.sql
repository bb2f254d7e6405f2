-- Outbound webhooks: registrations, and an outbox of events written in the same
-- transaction as the state change that causes them (DESIGN decision 10).

-- One URL per (profile, action), as Ayrshare registers them. The secret is sealed
-- (AES-256-GCM, like network credentials): never logged, never returned after registration.
CREATE TABLE webhooks (
  id          uuid PRIMARY KEY,
  profile_id  uuid NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  action      text NOT NULL,
  url         text NOT NULL,
  secret      text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (profile_id, action)
);

-- One row per event: its id is the `webhook-id` every attempt carries. `data` is what
-- the payload is built from, captured by the emitting transaction; `body` is the exact
-- JSON sent, fixed at the first attempt so every attempt sends the same bytes.
CREATE TABLE webhook_events (
  id               text PRIMARY KEY,
  -- Insertion order: events of one transaction share created_at.
  seq              bigserial NOT NULL,
  profile_id       uuid NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  action           text NOT NULL,
  sub_action       text,
  post_id          text REFERENCES posts (id) ON DELETE CASCADE,
  data             jsonb NOT NULL,
  body             text,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  -- Attempts since the schedule (re)started: a resend starts it again.
  schedule_step    integer NOT NULL DEFAULT 0,
  -- Not before this time. A claimed attempt moves it past its own deadline, so a
  -- second job finds nothing due, and the sweep finds an attempt whose process died.
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  last_attempt_at  timestamptz,
  last_status_code integer,
  last_error       text,
  delivered_at     timestamptz,
  -- The emitting transaction: at most one settle event per post and transaction.
  txid             bigint NOT NULL DEFAULT txid_current(),
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_events_profile ON webhook_events (profile_id, seq DESC);
CREATE INDEX webhook_events_due ON webhook_events (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_events_post ON webhook_events (post_id, txid) WHERE post_id IS NOT NULL;

-- Every attempt, with what the receiver answered (or why nothing was sent).
CREATE TABLE webhook_attempts (
  id           bigserial PRIMARY KEY,
  event_id     text NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
  number       integer NOT NULL,
  url          text NOT NULL,
  started_at   timestamptz NOT NULL,
  duration_ms  integer NOT NULL,
  status_code  integer,
  error        text,
  UNIQUE (event_id, number)
);

-- Why a post's next settlement is reported: a retry was asked (Ayrshare reports a
-- retried post by its `scheduled` webhook), or an immediate post answered while some
-- of its networks were still in flight (Herald's `immediate` action).
CREATE TABLE webhook_post_flags (
  post_id          text PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
  retried          boolean NOT NULL DEFAULT false,
  answered_pending boolean NOT NULL DEFAULT false
);

-- The lock that serialises "is this post settled now?" between the targets of one post
-- (each settles in its own transaction) and the request that answers `pending`.
CREATE FUNCTION herald_webhook_post_lock(p_post text) RETURNS void LANGUAGE sql AS $$
  SELECT pg_advisory_xact_lock(hashtextextended('herald.webhook.post:' || p_post, 0))
$$;

-- Whether anyone listens to this action for this profile: its own hook, else the primary's.
CREATE FUNCTION herald_webhook_listened(p_profile uuid, p_action text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM webhooks w
    WHERE w.action = p_action
      AND (w.profile_id = p_profile OR w.profile_id = (SELECT id FROM profiles WHERE is_primary))
  )
$$;

-- The one way an event enters the outbox, from SQL (triggers) and from TypeScript
-- (src/webhooks/emit.ts): the row and its delivery job, in the caller's transaction.
-- Nothing is stored when no hook listens. Returns the event id, or NULL.
CREATE FUNCTION herald_webhook_emit(
  p_profile uuid, p_action text, p_sub_action text, p_post text, p_data jsonb
) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  event_id text;
BEGIN
  IF NOT herald_webhook_listened(p_profile, p_action) THEN
    RETURN NULL;
  END IF;
  event_id := 'evt_' || replace(gen_random_uuid()::text, '-', '');
  INSERT INTO webhook_events (id, profile_id, action, sub_action, post_id, data)
  VALUES (event_id, p_profile, p_action, p_sub_action, p_post, p_data);
  PERFORM graphile_worker.add_job('deliver_webhook', json_build_object('eventId', event_id),
    job_key => 'webhook:' || event_id, max_attempts => 5);
  RETURN event_id;
END $$;

-- A post's outcome as it stands in this transaction: what a post event's payload is built from.
CREATE FUNCTION herald_webhook_post_data(p_post text) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'post', jsonb_build_object('id', p.id, 'text', p.text, 'type', p.type,
                               'scheduleDate', p.schedule_date, 'createdAt', p.created_at),
    'refId', pr.ref_id,
    'at', now(),
    'targets', coalesce((
      SELECT jsonb_agg(jsonb_build_object(
               'id', t.id, 'platform', t.platform, 'state', t.state, 'attempts', t.attempts,
               'networkPostId', t.network_post_id, 'postUrl', t.post_url, 'extra', t.extra,
               'error', t.error, 'warnings', t.warnings) ORDER BY t.platform)
      FROM targets t WHERE t.post_id = p.id), '[]'::jsonb))
  FROM posts p JOIN profiles pr ON pr.id = p.profile_id
  WHERE p.id = p_post
$$;

-- States a target rests in until someone acts: a post whose targets are all in one of
-- them has its outcome. Any other state (queued, sending, or one added later) is in flight.
CREATE FUNCTION herald_webhook_resting(p_state text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT p_state IN ('published', 'failed', 'pending', 'unconfirmed', 'cancelled', 'deleted')
$$;

-- Post events, written by the same statement that moves a target (every move is one
-- guarded UPDATE of targets), so an outcome is never lost between the move and its event.
CREATE FUNCTION herald_webhook_target_moved() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  post_row record;
  flags record;
  chosen text;
BEGIN
  -- An explicit retry (failed/unconfirmed -> queued): the next settlement is reported as `scheduled`.
  IF OLD.state IN ('failed', 'unconfirmed') AND NEW.state = 'queued' THEN
    INSERT INTO webhook_post_flags (post_id, retried) VALUES (NEW.post_id, true)
    ON CONFLICT (post_id) DO UPDATE SET retried = true;
    RETURN NULL;
  END IF;
  IF NEW.state NOT IN ('published', 'failed', 'pending', 'unconfirmed') THEN
    RETURN NULL;
  END IF;
  SELECT p.id, p.profile_id, p.type INTO post_row FROM posts p WHERE p.id = NEW.post_id;

  -- The network resolved a target it had answered "later" for (TikTok): Ayrshare's
  -- `scheduled` webhook with subAction tikTokPublished, for immediate posts too.
  IF OLD.state = 'pending' THEN
    PERFORM herald_webhook_emit(post_row.profile_id, 'scheduled',
      CASE NEW.platform WHEN 'tiktok' THEN 'tikTok' ELSE NEW.platform END
        || CASE NEW.state WHEN 'published' THEN 'Published' ELSE 'Failed' END,
      NEW.post_id, herald_webhook_post_data(NEW.post_id) || jsonb_build_object('targetId', NEW.id));
    RETURN NULL;
  END IF;
  IF herald_webhook_resting(OLD.state) THEN
    RETURN NULL;
  END IF;

  -- This move may have settled the post. Under the post's lock each statement sees what
  -- the others committed, so of two targets settling at once, the second sees both.
  PERFORM herald_webhook_post_lock(NEW.post_id);
  IF EXISTS (SELECT 1 FROM targets t WHERE t.post_id = NEW.post_id AND NOT herald_webhook_resting(t.state)) THEN
    RETURN NULL;
  END IF;
  -- Several targets settled by one statement: one event.
  IF EXISTS (SELECT 1 FROM webhook_events e WHERE e.post_id = NEW.post_id AND e.txid = txid_current()
             AND e.sub_action IS NULL) THEN
    RETURN NULL;
  END IF;
  SELECT f.retried, f.answered_pending INTO flags FROM webhook_post_flags f WHERE f.post_id = NEW.post_id;
  IF post_row.type = 'scheduled' OR coalesce(flags.retried, false) THEN
    chosen := 'scheduled';
  ELSIF coalesce(flags.answered_pending, false) THEN
    chosen := 'immediate';
  ELSE
    -- An immediate post that settled before its answer: the answer was its outcome.
    RETURN NULL;
  END IF;
  UPDATE webhook_post_flags SET retried = false, answered_pending = false WHERE post_id = NEW.post_id;
  PERFORM herald_webhook_emit(post_row.profile_id, chosen, NULL, NEW.post_id,
    herald_webhook_post_data(NEW.post_id));
  RETURN NULL;
END $$;

CREATE TRIGGER targets_webhook_events AFTER UPDATE OF state ON targets
  FOR EACH ROW
  WHEN (OLD.state IS DISTINCT FROM NEW.state)
  EXECUTE FUNCTION herald_webhook_target_moved();
