-- Two indexes of `targets` cost every write and served no query well (issue 16):
--
-- targets_state (state): no query needs it; each one that filters on state also names the
-- target's id, its post, its account or its due time, which have their own indexes. Worse,
-- it misled the claim. Statistics are taken while few targets are queued; a burst of
-- scheduled posts falling due then makes thousands queued at once, and the planner, still
-- believing `state = 'queued'` matches a handful of rows, read every queued target through
-- this index to find the few the claim names by id: 3.9 ms a claim of 12 targets in the
-- fan-out bench, 2.6 ms without it. It also took an entry in every insert and in every update
-- that cannot stay on its page (the claim, the settle and the hand-over all can't).
--
-- targets_platform_ref (platform, extra->>'ref'): every target had an entry, yet only a
-- `pending` target's reference (TikTok's publish_id) is ever looked up. Now only the targets
-- that have one are in it; findTargetByRef's `extra->>'ref' = $2` implies the index's
-- predicate, so it still uses it.
DROP INDEX targets_state;
DROP INDEX targets_platform_ref;
CREATE INDEX targets_platform_ref ON targets (platform, (extra->>'ref')) WHERE (extra->>'ref') IS NOT NULL;
