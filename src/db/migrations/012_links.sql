-- Short links (POST /api/links, shortenLinks on POST /api/post) and their clicks.
CREATE TABLE links (
  id            text PRIMARY KEY,
  profile_id    uuid NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  -- The URL the short link redirects to, UTM parameters included.
  original_url  text NOT NULL,
  -- The UTM fields as the caller named them (utmSource, ...), echoed in answers.
  utm           jsonb NOT NULL DEFAULT '{}',
  created_at    timestamptz NOT NULL DEFAULT now()
);
-- "The same URL gives the same short link" is a look-up, not a constraint: a post allocates
-- its links before its transaction, and a concurrent twin must not make that insert fail.
CREATE INDEX links_profile_url ON links (profile_id, original_url);
CREATE INDEX links_profile_created ON links (profile_id, created_at DESC);

-- One row per redirect a person followed (crawlers fetching a link preview are not counted).
-- No IP address, no full user agent, no full referer: the browser family, the device class
-- and the referring host are all the analytics show.
CREATE TABLE link_clicks (
  id            bigserial PRIMARY KEY,
  link_id       text NOT NULL REFERENCES links (id) ON DELETE CASCADE,
  profile_id    uuid NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  clicked_at    timestamptz NOT NULL DEFAULT now(),
  referer_host  text,
  browser       text NOT NULL,
  device        text NOT NULL CHECK (device IN ('desktop', 'ios', 'android', 'other'))
);
CREATE INDEX link_clicks_link ON link_clicks (link_id, clicked_at);

-- The text sent to this network when it differs from the post's (shortenLinks rewrote its links).
ALTER TABLE targets ADD COLUMN text text;
