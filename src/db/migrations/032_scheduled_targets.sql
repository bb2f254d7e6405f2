-- A scheduled target gets its graphile-worker job only when it falls due (issue 16): until
-- then its due time and the request's sealed secrets wait on the target row, and the
-- scheduler (src/jobs/scheduler.ts) hands the due ones to the engine in batches, one
-- statement each. A post accepted for next week therefore adds no job row, and no job
-- notification wakes the workers for it; 100,000 scheduled posts are 100,000 entries of
-- one small partial index, not 100,000 rows in the engine's queue.
--   job_due_at   when the target's publish job is to be made; 'infinity' while the post is
--                held (paused, awaiting approval); NULL once the job exists (or never will).
--   job_secrets  the request's sealed secrets (X BYO keys) for that job; NULL with it.
ALTER TABLE targets ADD COLUMN job_due_at timestamptz;
ALTER TABLE targets ADD COLUMN job_secrets text;
CREATE INDEX targets_job_due ON targets (job_due_at) WHERE job_due_at IS NOT NULL;

-- The publish jobs already waiting for a later time move onto their targets, payload and
-- all; a job due within the next minute stays with the engine, which runs it as before.
WITH moving AS (
  SELECT j.id, j.run_at, j.payload
  FROM graphile_worker._private_jobs j
  JOIN graphile_worker._private_tasks k ON k.id = j.task_id
  WHERE k.identifier = 'publish_target' AND j.locked_at IS NULL
    AND j.run_at > now() + interval '1 minute' AND j.payload::jsonb ? 'targetId'
), moved AS (
  UPDATE targets t SET job_due_at = m.run_at, job_secrets = m.payload ->> 'secrets'
  FROM moving m
  WHERE t.id::text = m.payload ->> 'targetId'
  RETURNING m.id
)
SELECT count(*) FROM graphile_worker.complete_jobs(ARRAY(SELECT id FROM moved));
