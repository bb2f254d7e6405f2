-- When the network published the target: rolling 24 h posting budgets count these.
ALTER TABLE targets ADD COLUMN published_at timestamptz;
-- What a multi-step publish already did at the network (e.g. thread segments posted),
-- kept across attempts so a retry resumes instead of re-posting.
ALTER TABLE targets ADD COLUMN progress jsonb;
CREATE INDEX targets_account_published ON targets (account_id, published_at) WHERE published_at IS NOT NULL;
