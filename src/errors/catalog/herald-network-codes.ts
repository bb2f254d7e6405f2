import { PLATFORMS } from '../../platforms.ts';
import type { CatalogEntry } from './types.ts';

/**
 * Network-level outcomes the seeds have no code for but every connector needs:
 * Herald's own numbers (6xx), kept apart from Ayrshare's.
 */
export const HERALD_NETWORK_CODES: readonly CatalogEntry[] = [
  {
    code: 132,
    http: 400,
    title: 'Post too long for the network',
    scope: 'network',
    action: 'post',
    platforms: PLATFORMS,
    origin: 'ayrshare',
    variants: {
      default: {
        message: 'The post is too long for {platformName}: {length} of at most {limit} {unit}.',
        params: {
          platformName: { sample: 'Bluesky', meaning: 'the network' },
          length: { sample: '312', meaning: 'the length of the text as the network counts it' },
          limit: { sample: '300', meaning: 'the network’s limit' },
          unit: { sample: 'characters', meaning: 'what is counted (characters, graphemes, bytes)' },
        },
      },
    },
    remedy: 'Shorten the text for that network, or post to it separately.',
  },
  {
    code: 136,
    http: 400,
    title: 'Media not accepted by the network',
    scope: 'network',
    action: 'post',
    platforms: PLATFORMS,
    origin: 'ayrshare',
    variants: {
      default: {
        message: '{platformName} cannot take this media: {reason}.',
        params: {
          platformName: { sample: 'Bluesky', meaning: 'the network' },
          reason: { sample: 'at most 4 images per post', meaning: 'the rule the media broke' },
        },
      },
    },
    remedy:
      'Change the media to fit the network’s declared limits (GET /api/errors lists them per network in the docs).',
  },
  {
    code: 156,
    http: 400,
    title: 'Network not linked',
    scope: 'network',
    action: 'post',
    platforms: PLATFORMS,
    origin: 'ayrshare',
    variants: {
      default: {
        message:
          '{platformName} is not linked to this profile. Link it with POST /api/accounts, then post again.',
        params: { platformName: { sample: 'Bluesky', meaning: 'the network' } },
      },
    },
    remedy: 'Link the account (POST /api/accounts) or remove the network from platforms.',
  },
  {
    code: 620,
    http: 400,
    title: 'Invalid network options',
    scope: 'network',
    action: 'post',
    platforms: PLATFORMS,
    origin: 'herald',
    variants: {
      default: {
        message: 'Invalid {optionsField}: {problem}.',
        params: {
          optionsField: { sample: 'blueSkyOptions', meaning: 'the option object' },
          problem: { sample: 'altText must be an array of strings', meaning: 'what to fix' },
        },
      },
    },
    remedy: 'Fix the named field of the network’s option object; docs/api.md lists every option.',
  },
  {
    code: 621,
    http: 502,
    title: 'Unexpected network error',
    scope: 'network',
    action: 'post',
    platforms: PLATFORMS,
    origin: 'herald',
    variants: {
      default: {
        message: '{platformName} refused the post with an error Herald does not know. See details.',
        params: { platformName: { sample: 'Bluesky', meaning: 'the network' } },
      },
    },
    remedy: 'Read details (the network’s own words). Report the code so Herald can map it.',
  },
  {
    code: 622,
    http: 400,
    title: 'Network rejected the content',
    scope: 'network',
    action: 'post',
    platforms: PLATFORMS,
    origin: 'herald',
    variants: {
      default: {
        message: '{platformName} rejected the post as invalid. See details for what to change.',
        params: { platformName: { sample: 'Bluesky', meaning: 'the network' } },
      },
    },
    remedy: 'Change what details names (the network’s own words), then post again.',
  },
  {
    code: 623,
    http: 401,
    title: 'Network authorization failed',
    scope: 'network',
    action: 'post',
    platforms: PLATFORMS,
    origin: 'herald',
    variants: {
      default: {
        message: '{platformName} authorization error. Unlink and re-link {platformName}, then retry.',
        relink: true,
        params: { platformName: { sample: 'Bluesky', meaning: 'the network' } },
      },
    },
    remedy: 'The stored credentials no longer work. Unlink (DELETE /api/profiles/social) and link again.',
  },
  {
    code: 624,
    http: 429,
    title: 'Network rate limit',
    scope: 'network',
    action: 'rate limit',
    platforms: PLATFORMS,
    origin: 'herald',
    variants: {
      default: {
        message: '{platformName} rate limit reached. Please wait before retrying your post.',
        retryAvailable: true,
        details: 'Retry-After: {retryAfter}',
        params: {
          platformName: { sample: 'Bluesky', meaning: 'the network' },
          retryAfter: { sample: '300', meaning: 'seconds until the network accepts a post again' },
        },
      },
    },
    remedy: 'Wait the Retry-After seconds in details, then PUT /api/post/retry.',
  },
  {
    code: 625,
    http: 503,
    title: 'Network temporarily unavailable',
    scope: 'network',
    action: 'post',
    platforms: PLATFORMS,
    origin: 'herald',
    variants: {
      default: {
        message: '{platformName} is temporarily unavailable. Please retry.',
        retryAvailable: true,
        params: { platformName: { sample: 'Bluesky', meaning: 'the network' } },
      },
    },
    remedy: 'Herald already retried with backoff. Retry later with PUT /api/post/retry.',
  },
  {
    code: 626,
    http: 502,
    title: 'Publish outcome unconfirmed',
    scope: 'network',
    action: 'post',
    platforms: PLATFORMS,
    origin: 'herald',
    variants: {
      default: {
        message:
          'Herald sent the post to {platformName} but could not confirm whether it was published. Check {platformName} before retrying.',
        params: { platformName: { sample: 'Bluesky', meaning: 'the network' } },
      },
    },
    remedy:
      'Look at the account on the network. If the post is missing, PUT /api/post/retry with includeUnconfirmed: true; Herald never re-sends it on its own.',
  },
  {
    code: 627,
    http: 403,
    title: 'Account blocked by the network',
    scope: 'network',
    action: 'post',
    platforms: PLATFORMS,
    origin: 'herald',
    variants: {
      default: {
        message: '{platformName} has restricted this account. Resolve it on {platformName}, then retry.',
        params: { platformName: { sample: 'Bluesky', meaning: 'the network' } },
      },
    },
    remedy:
      'The network suspended or restricted the account; only the network can lift it. Relinking does not help.',
  },
  {
    code: 628,
    http: 429,
    title: 'YouTube daily API quota exhausted',
    scope: 'network',
    action: 'post',
    platforms: ['youtube'],
    origin: 'herald',
    variants: {
      default: {
        message:
          'YouTube daily API quota exhausted for this Herald installation. It resets at midnight Pacific Time; retry after that.',
        retryAvailable: true,
      },
      uploads: {
        message:
          'YouTube daily video upload quota exhausted for this Herald installation. It resets at midnight Pacific Time; retry after that.',
        retryAvailable: true,
      },
    },
    remedy:
      'The Google Cloud project of Herald’s YouTube OAuth client spent its daily quota (10,000 units, or its separate bucket of video uploads). Retry after midnight Pacific Time, or ask Google for a higher quota.',
  },
  {
    code: 629,
    http: 429,
    title: 'YouTube upload limit reached for this channel',
    scope: 'network',
    action: 'post',
    platforms: ['youtube'],
    origin: 'herald',
    variants: {
      default: {
        message:
          'YouTube upload limit reached for this channel. YouTube accepts new uploads from it again within about 24 hours.',
        retryAvailable: true,
      },
    },
    remedy:
      'The channel itself uploaded as many videos as YouTube allows in a day (quota of Herald is not the cause). Retry the next day; verified channels have higher limits.',
  },
  {
    code: 646,
    http: 403,
    title: 'Google Cloud project not approved for the API',
    scope: 'network',
    action: 'post',
    platforms: ['youtube', 'gmb'],
    origin: 'herald',
    variants: {
      default: {
        message:
          'The Google Cloud project of Herald’s {platformName} OAuth client has a quota of 0 for this API: Google has not approved the project yet. Retrying cannot succeed until Google approves it.',
        params: { platformName: { sample: 'Google Business Profile', meaning: 'the network' } },
      },
    },
    remedy:
      'Google grants the API no quota to a project it has not approved (Business Profile: the API access request; YouTube: the audit and quota extension form). Apply with the project of Herald’s OAuth client, wait for Google’s approval, then PUT /api/post/retry. Herald never retries it on its own.',
  },
  {
    code: 630,
    http: 401,
    title: 'Inbound webhook signature not valid',
    scope: 'request',
    action: 'webhook',
    origin: 'herald',
    variants: {
      default: {
        message: 'The webhook signature is missing, wrong or too old. The event was ignored.',
        shape: ['action', 'status', 'code', 'message', 'details'],
      },
    },
    remedy:
      'Only the network may call this endpoint: check that HERALD_TIKTOK_CLIENT_SECRET is the client secret of the TikTok app that sends the webhooks, and that the clocks agree within 5 minutes.',
  },
  {
    code: 650,
    http: 400,
    title: 'Network’s crawler cannot fetch the media',
    scope: 'network',
    action: 'post',
    // Meta's networks answer 440 (Instagram, Facebook) and 379 (Threads) for the same finding.
    platforms: ['pinterest', 'tiktok', 'gmb'],
    origin: 'herald',
    variants: {
      default: {
        message:
          '{platformName} cannot download the media from this URL: its crawler is refused or the file is out of its reach. See details for the cause and the fix.',
        params: { platformName: { sample: 'Pinterest', meaning: 'the network' } },
      },
    },
    remedy:
      'Herald fetched the media as the network’s crawler would and was refused (robots.txt, a WAF or hotlink rule, an expired signed URL): apply the fix in details, check with POST /api/media/verify, then PUT /api/post/retry.',
  },
  {
    code: 651,
    http: 200,
    title: 'robots.txt has several wildcard groups',
    scope: 'warning',
    action: 'post',
    platforms: ['instagram', 'threads', 'facebook', 'pinterest', 'tiktok', 'gmb'],
    origin: 'herald',
    variants: {
      default: {
        message:
          'The media host’s robots.txt has several "User-agent: *" groups. Not every crawler merges them: keep a single "User-agent: *" group, at the end of the file.',
      },
    },
    remedy:
      'The post went out; the network’s crawler may still drop rules later. Merge the "User-agent: *" groups of robots.txt into one, placed last (details name the lines).',
  },
];

/** Delete is refused per network; kept apart so the sandbox (which simulates publishing) never triggers it. */
export const HERALD_DELETE_CODES: readonly CatalogEntry[] = [
  {
    code: 619,
    http: 400,
    title: 'Network does not allow deleting this post',
    scope: 'request',
    action: 'delete',
    origin: 'herald',
    variants: {
      default: {
        message:
          '{platformName} does not allow deleting published posts through its API. Delete it in the {platformName} app.',
        shape: ['action', 'status', 'code', 'message', 'details', 'platform'],
        params: { platformName: { sample: 'Instagram', meaning: 'the network' } },
      },
    },
    remedy:
      'Delete the post in the network’s own app; Herald marks nothing as deleted until the network confirms it.',
  },
];
