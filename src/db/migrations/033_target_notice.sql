-- A settle's notification names the target too ("<post id>:<target id>"), not only its post:
-- a request waiting for a post's targets (src/app/post-responses.ts) then knows which of the
-- targets it marked have settled, and reads them once when the last has (the answer), not
-- after each settle to find out that another is still in flight (issue 16). A process that
-- reads a payload without ":" (an older one) wakes for the post as before.
CREATE OR REPLACE FUNCTION herald_notify_target() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('herald_targets', NEW.post_id || ':' || NEW.id::text);
  RETURN NEW;
END $$;
