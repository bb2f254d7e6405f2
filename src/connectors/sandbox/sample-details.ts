/**
 * The `details` a real connector would pass through for a code, as the seeds show
 * them: what a sandbox failure carries so it matches the live body field for field.
 */
export const SAMPLE_DETAILS: Readonly<Record<string, string>> = {
  '138.mediaFetch':
    'Media download has failed.: The media could not be fetched from the provided URI. Video download failed with: HTTP error code 403. Restricted by robots.txt',
  '176': 'The request cannot be completed because the video file is invalid.',
  '272.analytics': 'The user used for authentication is suspended',
  '307': 'The authenticated user doesn’t have permissions to upload and set custom video thumbnails.',
  '440': 'Media download has failed.: The media could not be fetched from the provided URI...',
  '451': 'HTTP 403 from origin',
  '621': 'UnknownError: the network answered HTTP 418',
  '622':
    'InvalidRequest: Invalid app.bsky.feed.post record: Record/text must not be longer than 300 graphemes',
  '626': 'No answer within 60000 ms after the request was sent',
};

/** The network's own error code a live analytics failure carries as `errCode` (444: Meta's 80001). */
export const SAMPLE_ERR_CODES: Readonly<Record<string, number>> = { '444': 80001 };
