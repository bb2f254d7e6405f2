-- Networks that publish later (TikTok) call back with their own reference: find the target by it.
CREATE INDEX targets_platform_ref ON targets (platform, (extra->>'ref'));
