-- The post lifecycle: notes, pause, approval, queue slots, and when a post is due.

ALTER TABLE posts ADD COLUMN notes text;
-- Post-level holds. While either holds, the post's targets stay `queued` and the claim
-- refuses them (src/db/targets.ts claimTarget); their jobs are parked, not deleted.
ALTER TABLE posts ADD COLUMN paused boolean NOT NULL DEFAULT false;
ALTER TABLE posts ADD COLUMN requires_approval boolean NOT NULL DEFAULT false;
ALTER TABLE posts ADD COLUMN approved_at timestamptz;
-- When the post is to go out: its schedule date, its creation (immediate posts), or the
-- moment it was resumed or approved when that came after its date. A claim before it is
-- refused; a first send far past it is a missed post (HERALD_MISSED_GRACE_MS).
ALTER TABLE posts ADD COLUMN due_at timestamptz;
UPDATE posts SET due_at = coalesce(schedule_date, created_at);
ALTER TABLE posts ALTER COLUMN due_at SET DEFAULT now();
ALTER TABLE posts ALTER COLUMN due_at SET NOT NULL;
-- Made with shortenLinks: an edit of its text (PATCH /api/post) is enhanced again.
ALTER TABLE posts ADD COLUMN shorten_links boolean NOT NULL DEFAULT false;
-- The queue schedule (auto_schedules.title) that chose schedule_date, when one did.
ALTER TABLE posts ADD COLUMN auto_schedule text;
-- A slot is taken by any post of the profile at that instant.
CREATE INDEX posts_profile_schedule ON posts (profile_id, schedule_date) WHERE schedule_date IS NOT NULL;

-- Ayrshare's auto-schedules (queue slots), per profile. Times are wall-clock `HH:MM` in
-- `time_zone` (Ayrshare's own are UTC, written `13:05Z`).
CREATE TABLE auto_schedules (
  profile_id    uuid NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  title         text NOT NULL,
  times         text[] NOT NULL,
  time_zone     text NOT NULL DEFAULT 'UTC',
  -- 0 = Sunday ... 6 = Saturday, in the schedule's time zone.
  days_of_week  smallint[] NOT NULL DEFAULT '{0,1,2,3,4,5,6}',
  -- Calendar dates (YYYY-MM-DD, in the schedule's time zone) without slots.
  exclude_dates text[] NOT NULL DEFAULT '{}',
  -- setStartDate: no slot before it.
  start_at      timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (profile_id, title)
);
