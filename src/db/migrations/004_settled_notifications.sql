-- A waiting request only ends when its targets have left queued/sending, so only those
-- transitions wake it. Before, every insert and every claim notified too: three wake-ups
-- per target, each re-reading the post's targets, for one that mattered.
DROP TRIGGER targets_notify ON targets;
CREATE TRIGGER targets_notify AFTER UPDATE OF state ON targets
  FOR EACH ROW
  WHEN (NEW.state NOT IN ('queued', 'sending') AND OLD.state IS DISTINCT FROM NEW.state)
  EXECUTE FUNCTION herald_notify_target();
