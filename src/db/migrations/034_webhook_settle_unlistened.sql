-- A settle took the post's webhook lock (an advisory lock held to its commit) and read the
-- post's targets, events and flags to decide whether the post had settled, even when no hook
-- listens to a post's outcome, which is what an install without webhooks always has. Two
-- targets of one post settling at once then waited for each other's commit: in the bench's
-- immediate posts the settle took 1.5 ms a call, 0.19 ms without the trigger (issue 16,
-- docs/benchmarks.md). Now the trigger looks for a listening hook first. What it decides when
-- one listens is unchanged (008_webhooks.sql).
CREATE OR REPLACE FUNCTION herald_webhook_target_moved() RETURNS trigger LANGUAGE plpgsql AS $$
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
  -- No hook of this profile (or of the primary) listens to a post's outcome: there is nothing
  -- to decide, so no lock to take. Every later settle of this post follows a retry, which
  -- sets `retried` again, so the flags left as they are change no later choice.
  IF NOT EXISTS (
    SELECT 1 FROM webhooks w
    WHERE w.action IN ('scheduled', 'immediate')
      AND (w.profile_id = post_row.profile_id OR w.profile_id = (SELECT id FROM profiles WHERE is_primary))
  ) THEN
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
