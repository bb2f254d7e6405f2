-- The media library (POST /api/media/upload, GET /api/media/uploadUrl, tus): files a
-- profile uploaded, stored under `file_name` in the media store and served at
-- <HERALD_PUBLIC_URL>/media/<file_name>.
CREATE TABLE media (
  id            text PRIMARY KEY,
  profile_id    uuid NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  -- The store's name (32 hex characters and the extension of the type read from the bytes).
  file_name     text NOT NULL UNIQUE,
  -- What the caller called it and said of it (Ayrshare's fileName, description).
  original_name text,
  description   text,
  -- Read from the bytes once stored; NULL while a signed PUT has not arrived.
  content_type  text,
  size          bigint,
  -- `pending` from GET /api/media/uploadUrl until its PUT arrives; then `ready`.
  status        text NOT NULL DEFAULT 'ready' CHECK (status IN ('pending', 'ready')),
  -- The Content-Type the signed PUT must carry (uploadUrl's contentType).
  expected_type text,
  -- A signed PUT is single-use and expires: the SHA-256 of its token, cleared when used.
  upload_token_hash text UNIQUE,
  upload_expires_at timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  -- The file is kept until then at least: its upload plus the retention, pushed later by
  -- every post that uses it (a scheduled post: from its scheduleDate). NULL: kept forever.
  keep_until    timestamptz
);
CREATE INDEX media_profile_created ON media (profile_id, created_at DESC, id DESC);
CREATE INDEX media_keep_until ON media (keep_until);

-- autoFix of POST /api/post: NULL follows HERALD_MEDIA_AUTOFIX, 'off' never fixes,
-- 'blur' or 'black' fix videos (the fill used when a video is padded to 9:16).
ALTER TABLE posts ADD COLUMN auto_fix text CHECK (auto_fix IN ('off', 'blur', 'black'));
