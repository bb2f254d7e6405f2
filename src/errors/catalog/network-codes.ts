import { META_PLATFORMS, PLATFORMS } from '../../platforms.ts';
import type { CatalogEntry } from './types.ts';

/**
 * Codes a network's target can fail with, exactly as the seeds print them
 * (shared/seeds/002 wins over 001). Messages are contract: do not reword them.
 */
export const NETWORK_CODES: readonly CatalogEntry[] = [
  {
    code: 107,
    http: 400,
    title: 'Facebook duplicate post',
    scope: 'network',
    action: 'post',
    platforms: ['facebook'],
    origin: 'seed',
    variants: {
      default: {
        message:
          'Facebook Error: This status update is identical to the last one you posted. Try posting something different, or delete your previous update.',
      },
    },
    remedy: 'Change the text (or media) before posting again; Facebook refuses an identical status update.',
  },
  {
    code: 110,
    http: 400,
    title: 'X duplicate post',
    scope: 'network',
    action: 'post',
    platforms: ['twitter'],
    origin: 'seed',
    // Seed 002 echoes the post's text in this error item.
    variants: {
      default: {
        message: 'Status is a duplicate.',
        shape: ['action', 'status', 'code', 'message', 'post', 'platform'],
      },
    },
    remedy: 'X refuses a post identical to a recent one. Change the text before posting again.',
  },
  {
    code: 138,
    http: 400,
    title: 'Instagram posting error',
    scope: 'network',
    action: 'post',
    platforms: ['instagram'],
    origin: 'seed',
    variants: {
      default: {
        message:
          'Instagram Error: Instagram cannot process your post at this time. Please try your post again.',
      },
      mediaFetch: {
        message:
          'Instagram Error: Instagram cannot process your post at this time. Please try your post again.',
        retryAvailable: true,
        shape: ['retryAvailable', 'status', 'code', 'details', 'action', 'platform', 'message'],
      },
      aspectRatio: {
        message:
          "Instagram Error: There was an issue posting to Instagram. The submitted image with aspect ratio ('{ratio}',) cannot be published. Please submit an image with a valid aspect ratio.",
        params: { ratio: { sample: '1440/2158', meaning: 'the width/height the image was sent with' } },
      },
    },
    remedy:
      'If details mention robots.txt or HTTP 403, Instagram could not fetch the media: let facebookexternalhit read it, then retry. For an aspect-ratio error, resend the image cropped between 4:5 and 1.91:1.',
  },
  {
    code: 161,
    http: 400,
    title: 'Facebook authorization error',
    scope: 'network',
    action: 'post',
    platforms: ['facebook'],
    origin: 'seed',
    variants: {
      default: {
        message:
          'Facebook authorization error. This can occur if your Facebook security changes. Try unlinking and re-linking Facebook or contact us for assistance.',
      },
    },
    remedy:
      'The Facebook token no longer works (password change, removed access). Unlink and re-link Facebook.',
  },
  {
    code: 176,
    http: 500,
    title: 'YouTube upload error',
    scope: 'network',
    action: 'post',
    platforms: ['youtube'],
    origin: 'seed',
    variants: { default: { message: 'Error posting to YouTube.' } },
    remedy:
      'A YouTube failure that is neither a timeout (453) nor an outage (454); details carry YouTube’s reason. Fix what it names before retrying.',
  },
  {
    code: 258,
    http: 400,
    title: 'Instagram account-state error',
    scope: 'network',
    action: 'post',
    platforms: ['instagram'],
    origin: 'seed',
    variants: {
      default: { message: 'Error with Instagram.' },
      relink: {
        message:
          'Error with Instagram. Please unlink and relink your Instagram account, granting all permissions, then retry.',
        relink: true,
        retryAvailable: true,
        // The seed prints relink before retryAvailable.
        shape: ['action', 'status', 'code', 'message', 'details', 'relink', 'retryAvailable', 'platform'],
      },
    },
    remedy:
      'With relink: true, unlink and relink Instagram granting every permission, then retry. Otherwise check the account is in good standing on Instagram and retry.',
  },
  {
    code: 272,
    http: 400,
    title: 'X BYO identity could not be verified',
    scope: 'network',
    action: 'post',
    platforms: ['twitter'],
    origin: 'seed',
    variants: {
      default: {
        message: 'Failed to verify BYO Twitter identity',
        shape: ['status', 'code', 'message', 'platform'],
      },
      analytics: {
        message:
          'There is an issue authorizing your X/Twitter account. Login to x.com to verify your account status and then try unlinking Twitter and relinking on the social accounts page.',
        resolution: { relink: true, platform: 'twitter' },
        shape: ['action', 'status', 'code', 'message', 'resolution', 'details'],
      },
    },
    remedy:
      'Log in to x.com with the account that owns the BYO app: a suspension needs X support, a lock needs the unlock challenge, and keys of another app need a relink with the right account.',
  },
  {
    code: 288,
    http: 400,
    title: 'TikTok post still processing',
    scope: 'network',
    action: 'get',
    platforms: ['tiktok'],
    origin: 'seed',
    variants: {
      default: {
        message: 'TikTok video is still processing; the action is deferred until the post is live.',
      },
      failed: { message: 'TikTok video failed to publish; the action will not run.' },
    },
    remedy:
      'Wait until TikTok publishes the video (the post id stops being "pending"), then retry. A first comment is posted automatically once it resolves.',
  },
  {
    code: 307,
    http: 200,
    title: 'YouTube thumbnail not applied',
    scope: 'warning',
    action: 'post',
    platforms: ['youtube'],
    origin: 'seed',
    variants: {
      default: {
        message:
          'Your YouTube channel must be verified to set a custom thumbnail. Verify your channel at https://www.youtube.com/verify (phone verification). If your channel is already verified, try unlinking and re-linking your YouTube account to restore permissions.',
      },
      invalid: {
        message: 'The custom thumbnail was not applied: {reason}. The video was published without it.',
        params: {
          reason: { sample: 'the file is larger than 2 MB', meaning: 'why the thumbnail was skipped' },
        },
      },
    },
    remedy:
      'The video is live; only the thumbnail failed. Verify the channel at youtube.com/verify, or send a PNG/JPG of 2 MB or less from a reachable URL.',
  },
  {
    code: 326,
    http: 403,
    title: 'Meta identity verification required',
    scope: 'network',
    action: 'post',
    platforms: META_PLATFORMS,
    origin: 'seed',
    variants: {
      default: {
        message:
          'Meta is requesting additional identity verification for this account. Complete it at https://www.facebook.com/business-support-home and then retry. Reconnecting the account will not resolve this.',
      },
    },
    remedy:
      'The account owner must complete Meta’s identity verification at Meta Business Support, then retry. Do not relink: it does not clear this.',
  },
  {
    code: 379,
    http: 400,
    title: 'Threads posting error',
    scope: 'network',
    action: 'post',
    platforms: ['threads'],
    origin: 'seed',
    variants: {
      default: {
        message: 'Error posting to Threads.',
        shape: ['status', 'code', 'message', 'details', 'action', 'platform'],
      },
    },
    remedy:
      'Usually Meta’s crawler could not fetch the media (check an Instagram 440/138 in the same post). Make the media readable by facebookexternalhit, then retry.',
  },
  {
    code: 416,
    http: 402,
    title: 'X credits depleted',
    scope: 'network',
    action: 'post',
    platforms: ['twitter'],
    origin: 'seed',
    variants: {
      default: {
        message:
          'Your enrolled account does not have any credits to fulfill this request. Purchase credits at console.x.com.',
        shape: ['status', 'code', 'message', 'platform'],
      },
    },
    remedy: 'Buy X API credits at console.x.com (Billing → Credits). Herald never retries this by itself.',
  },
  {
    code: 417,
    http: 403,
    title: 'X app lacks write permission',
    scope: 'network',
    action: 'post',
    platforms: ['twitter'],
    origin: 'seed',
    variants: {
      default: {
        message:
          "Your client app is not configured with the appropriate oauth1 app permissions. Set app to 'Read and write and Direct message', then regenerate your Access Token.",
        shape: ['status', 'code', 'message', 'platform'],
      },
    },
    remedy:
      'Set the X app to "Read and write and Direct message", then regenerate the Access Token so it carries the new permission.',
  },
  {
    code: 419,
    http: 400,
    title: 'X BYO credentials missing',
    scope: 'network',
    action: 'x_credentials_required',
    platforms: ['twitter'],
    origin: 'seed',
    variants: {
      default: {
        message:
          'X/Twitter operations require your own API credentials. Missing: X-Twitter-OAuth1-Api-Key, X-Twitter-OAuth1-Api-Secret. Please provide your X Developer App credentials in the request headers. See https://docs.ayrshare.com/x-api-setup for setup instructions.',
        resolution: { docs: 'https://docs.ayrshare.com/x-api-setup' },
      },
      missingSecret: {
        message:
          'You provided X-Twitter-OAuth1-Api-Key but not X-Twitter-OAuth1-Api-Secret. OAuth 1.0a requires both. Missing: X-Twitter-OAuth1-Api-Secret. See https://docs.ayrshare.com/x-api-setup for setup instructions.',
        resolution: { docs: 'https://docs.ayrshare.com/x-api-setup' },
      },
      missingKey: {
        message:
          'You provided X-Twitter-OAuth1-Api-Secret but not X-Twitter-OAuth1-Api-Key. OAuth 1.0a requires both. Missing: X-Twitter-OAuth1-Api-Key. See https://docs.ayrshare.com/x-api-setup for setup instructions.',
        resolution: { docs: 'https://docs.ayrshare.com/x-api-setup' },
      },
    },
    remedy:
      'Send both X-Twitter-OAuth1-Api-Key and X-Twitter-OAuth1-Api-Secret on every request that posts to X.',
  },
  {
    code: 423,
    http: 403,
    title: 'Legacy X OAuth no longer supported',
    scope: 'network',
    action: 'post',
    platforms: ['twitter'],
    origin: 'seed',
    variants: {
      default: {
        message:
          'X (Twitter) API access now requires your own API credentials. Include X-Twitter-OAuth1-Api-Key and X-Twitter-OAuth1-Api-Secret headers in your request. Setup guide: https://docs.ayrshare.com/dashboard/connect-social-accounts/x-twitter-byo-keys',
        shape: ['status', 'code', 'message', 'platform'],
      },
    },
    remedy: 'Create an X Developer App and send its key and secret in the X-Twitter-OAuth1-Api-* headers.',
  },
  {
    code: 435,
    http: 429,
    title: 'Instagram rate limit',
    scope: 'network',
    action: 'rate limit',
    platforms: ['instagram'],
    origin: 'seed',
    variants: {
      default: {
        message: 'Instagram rate limit reached. Please wait before retrying your post.',
        details: 'Retry-After: {retryAfter}',
        params: { retryAfter: { sample: '3600', meaning: 'seconds until Instagram accepts a post again' } },
      },
    },
    remedy:
      'Wait at least the Retry-After seconds in details (50 API posts per rolling 24 h per account), then retry.',
  },
  {
    code: 436,
    http: 400,
    title: 'Instagram media processing timeout',
    scope: 'network',
    action: 'post',
    platforms: ['instagram'],
    origin: 'seed',
    variants: {
      default: {
        message: 'Instagram media processing timed out. Please try posting again.',
        retryAvailable: true,
      },
    },
    remedy: 'Retry with PUT /api/post/retry; if it keeps timing out, send a smaller file.',
  },
  {
    code: 440,
    http: 400,
    title: 'Network could not download the media',
    scope: 'network',
    action: 'post',
    platforms: ['instagram', 'facebook'],
    origin: 'seed',
    variants: {
      default: {
        message:
          "The social network could not download media from this URL (for example Instagram/Meta error 2207052). Ensure the file is publicly reachable by the platform's crawlers (e.g. facebookexternalhit), via media bucket's robots.txt file, not only in a browser.",
        // Seeds 000 and 002 both print status last.
        shape: ['action', 'code', 'message', 'details', 'platform', 'status'],
      },
    },
    remedy:
      'Let the network’s crawler fetch the file: allow facebookexternalhit in robots.txt, lift WAF/hotlink rules, keep presigned URLs valid past the post time. POST /api/media/verify shows what the crawler sees.',
  },
  {
    code: 441,
    http: 502,
    title: 'Caption enhancement failed',
    scope: 'network',
    action: 'post',
    platforms: PLATFORMS,
    origin: 'seed',
    variants: {
      default: {
        message: 'Caption enhancement failed for {platform}. {cause}. Post was not sent to this platform.',
        source: 'handlePostAdditions',
        shape: ['platform', 'status', 'source', 'code', 'message'],
        params: { cause: { sample: 'Link shortener unavailable', meaning: 'why the enhancement failed' } },
      },
      totalItem: {
        message: 'Caption enhancement failed for {platform}. {cause}',
        source: 'handlePostAdditions',
        shape: ['platform', 'status', 'source', 'code', 'message'],
        params: { cause: { sample: 'Link shortener unavailable', meaning: 'why the enhancement failed' } },
      },
      total: {
        message: 'Caption enhancement failed. See error details for affected platforms.',
        shape: ['status', 'action', 'code', 'message'],
      },
    },
    remedy:
      'Usually transient. If postIds is not empty, retry only the failed networks (never the whole set); otherwise retry the request, or drop shortenLinks.',
  },
  {
    code: 442,
    http: 400,
    title: 'Banned from the subreddit',
    scope: 'network',
    action: 'post',
    platforms: ['reddit'],
    origin: 'seed',
    variants: {
      default: {
        message:
          "You've been banned from posting to r/{subreddit}. This post will not succeed on retry — remove it from your target subreddits.",
        params: { subreddit: { sample: 'news', meaning: 'the subreddit, without r/' } },
      },
    },
    remedy: 'Remove that subreddit from the post; retrying unchanged will not succeed.',
  },
  {
    code: 443,
    http: 400,
    title: 'Disallowed word in the Reddit title',
    scope: 'network',
    action: 'post',
    platforms: ['reddit'],
    origin: 'seed',
    variants: {
      default: {
        message:
          'r/{subreddit} rejected this post because the title contains a disallowed word. Edit the title before retrying — retrying as-is will not succeed.',
        params: { subreddit: { sample: 'news', meaning: 'the subreddit, without r/' } },
      },
    },
    remedy: 'Edit the title to remove the word the subreddit refuses, then retry.',
  },
  {
    code: 444,
    http: 429,
    title: 'Facebook Page analytics rate limit',
    scope: 'analytics',
    action: 'rate limit',
    platforms: ['facebook'],
    origin: 'seed',
    variants: {
      default: {
        message:
          'Facebook Page has hit its per-Page rate limit on the analytics endpoint. Please wait a few minutes and retry.',
        // The seed's body names no platform: it sits under the `facebook` key, beside Meta's
        // `errCode` and the Page and post ids the analytics envelope adds.
        shape: ['action', 'status', 'code', 'message'],
      },
    },
    remedy:
      'Wait a few minutes and retry with backoff. Do not relink: this is a transient throttle (Meta 80001), not an authorization failure.',
  },
  {
    code: 447,
    http: 400,
    title: 'Trial reel without graduationStrategy',
    scope: 'network',
    action: 'post',
    platforms: ['instagram'],
    origin: 'seed',
    variants: {
      default: {
        message:
          'Instagram trial reels require instagramOptions.trialParams.graduationStrategy ("MANUAL" or "SS_PERFORMANCE").',
      },
    },
    remedy:
      'Set instagramOptions.trialParams.graduationStrategy to "MANUAL" or "SS_PERFORMANCE", or drop trialParams.',
  },
  {
    code: 448,
    http: 400,
    title: 'Invalid trial reel graduationStrategy',
    scope: 'network',
    action: 'post',
    platforms: ['instagram'],
    origin: 'seed',
    variants: {
      default: {
        message: 'Invalid Instagram graduationStrategy. Must be "MANUAL" or "SS_PERFORMANCE".',
        details: 'Received: {received}',
        params: { received: { sample: 'manual', meaning: 'the value sent, cut to 64 characters' } },
      },
    },
    remedy: 'Send graduationStrategy exactly as "MANUAL" or "SS_PERFORMANCE" (uppercase).',
  },
  {
    code: 449,
    http: 400,
    title: 'Trial reel media not eligible',
    scope: 'network',
    action: 'post',
    platforms: ['instagram'],
    origin: 'seed',
    variants: {
      default: {
        message:
          'Instagram trial reels must be a single video (.mp4 or .mov) — carousels and stories are not supported.',
        details: '{subCase}',
        params: { subCase: { sample: 'Carousels are not supported.', meaning: 'which rule the post broke' } },
      },
    },
    remedy: 'Send one .mp4 or .mov video without stories: true, or drop trialParams.',
  },
  {
    code: 450,
    http: 400,
    title: 'Image format conversion failed',
    scope: 'network',
    action: 'image conversion',
    platforms: PLATFORMS,
    origin: 'seed',
    variants: {
      default: {
        message:
          'The image format could not be converted. The source image may be corrupt or inaccessible. Please verify the media URL and try again.',
      },
    },
    remedy: 'Open the media URL in a browser; if it renders, re-export it as a clean JPEG or PNG and retry.',
  },
  {
    code: 451,
    http: 400,
    title: 'Image download for conversion failed',
    scope: 'network',
    action: 'image conversion',
    platforms: PLATFORMS,
    origin: 'seed',
    variants: { default: { message: 'The image could not be downloaded for format conversion.' } },
    remedy:
      'Make the media URL publicly reachable over HTTPS (no auth, no private address, at most 5 redirects); details name the cause.',
  },
  {
    code: 452,
    http: 500,
    title: 'Converted image could not be stored',
    scope: 'network',
    action: 'image conversion',
    platforms: PLATFORMS,
    origin: 'seed',
    variants: {
      default: {
        // The seed calls this retryable in prose, but its body carries no retryAvailable.
        message: 'An error occurred uploading the converted image. Please try again.',
      },
    },
    remedy: 'Retry the post; if it keeps failing, check the media store Herald is configured with.',
  },
  {
    code: 453,
    http: 504,
    title: 'YouTube upload timed out',
    scope: 'network',
    action: 'post',
    platforms: ['youtube'],
    origin: 'seed',
    variants: {
      default: {
        message:
          'YouTube upload timed out (Google ingest). This is typically transient; please retry in 1–2 minutes.',
        retryAvailable: true,
      },
    },
    remedy:
      'Retry after 1–2 minutes with backoff (PUT /api/post/retry). Branch on retryAvailable, not the HTTP status.',
  },
  {
    code: 454,
    http: 503,
    title: 'YouTube upload service unavailable',
    scope: 'network',
    action: 'post',
    platforms: ['youtube'],
    origin: 'seed',
    variants: {
      default: {
        message: 'YouTube upload service temporarily unavailable. Please retry.',
        retryAvailable: true,
      },
    },
    remedy: 'Retry with exponential backoff (PUT /api/post/retry).',
  },
  {
    code: 475,
    http: 403,
    title: 'LinkedIn analytics permissions missing',
    scope: 'analytics',
    action: 'authorization',
    platforms: ['linkedin'],
    origin: 'seed',
    variants: {
      default: {
        message:
          'Your LinkedIn profile is missing the analytics permissions. Please re-link your LinkedIn profile to enable analytics.',
        resolution: { relink: true, platform: 'linkedin' },
        shape: ['action', 'status', 'code', 'message', 'resolution'],
      },
    },
    remedy:
      'Re-link the LinkedIn profile to grant the member analytics scopes; allow 5–10 minutes after relinking. Posting is unaffected.',
  },
];
