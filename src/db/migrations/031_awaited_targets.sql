-- A settled target notified `herald_targets` always, yet only a request waiting on its post
-- (an immediate post, a retry: src/app/post-responses.ts) listens. A transaction that
-- notifies takes PostgreSQL's one notification-queue lock at COMMIT and holds it until its
-- commit record is flushed, so every settle in the database committed one at a time, each
-- waiting for its own WAL flush: with 500 scheduled posts falling due each second, most of
-- the worker's connections sat in COMMIT waiting for that lock (docs/benchmarks.md, issue 16).
-- Now a waiting request marks the targets it waits for (awaited_until), and only their
-- settles notify; the rest commit without the lock, flushed together by group commit.
ALTER TABLE targets ADD COLUMN awaited_until timestamptz;

DROP TRIGGER targets_notify ON targets;
CREATE TRIGGER targets_notify AFTER UPDATE OF state ON targets
  FOR EACH ROW
  WHEN (NEW.state NOT IN ('queued', 'sending') AND OLD.state IS DISTINCT FROM NEW.state
        AND NEW.awaited_until > now())
  EXECUTE FUNCTION herald_notify_target();
