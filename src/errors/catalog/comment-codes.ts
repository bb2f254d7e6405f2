import type { BodyField, CatalogEntry } from './types.ts';

/** Refusals of one network inside a comments answer: they sit in `errors[]` with their platform. */
const SHAPE: readonly BodyField[] = ['action', 'status', 'code', 'message', 'details', 'platform'];

/**
 * The comments endpoints' own refusals (Herald's numbers). Scoped as requests, with the
 * platform in the body like 619, so the sandbox never triggers them on a post: the
 * network codes a comment call can meet (624, 625, 161, 288...) come from the tables.
 */
export const HERALD_COMMENT_CODES: readonly CatalogEntry[] = [
  {
    code: 647,
    http: 403,
    title: 'Network does not let this app read comments',
    scope: 'request',
    action: 'get',
    origin: 'herald',
    variants: {
      default: {
        message: '{platformName} does not give this app access to read comments: {reason}.',
        shape: SHAPE,
        params: {
          platformName: { sample: 'X/Twitter', meaning: 'the network' },
          reason: {
            sample: 'recent search needs an X app with pay-per-use credits or a Basic or Pro plan',
            meaning: 'the access the network asks for',
          },
        },
      },
    },
    remedy:
      'The network refused the read for the app’s access level, not for the account: relinking does not help. X: replies are read through recent search, which needs a developer app with pay-per-use credits (or a legacy Basic or Pro plan); a legacy Free app is answered 403 client-forbidden. LinkedIn: reading a member’s comments needs r_member_social, which LinkedIn grants to select developers only (an organization page needs r_organization_social). Writing and deleting comments still work.',
  },
  {
    code: 685,
    http: 400,
    title: 'Network offers no comments',
    scope: 'request',
    action: 'comment',
    origin: 'herald',
    variants: {
      default: {
        message: '{platformName} does not offer comments through its API.',
        shape: SHAPE,
        params: { platformName: { sample: 'Pinterest', meaning: 'the network' } },
      },
      notYet: {
        message: 'Herald does not offer {platformName} comments yet; sandbox accounts simulate them.',
        shape: SHAPE,
        params: { platformName: { sample: 'LinkedIn', meaning: 'the network' } },
      },
    },
    remedy:
      'Comments exist on Facebook, Instagram, Threads, X, LinkedIn, YouTube, TikTok, Reddit, Bluesky and Mastodon: leave other networks out of platforms. Variant notYet: a network whose declaration has comments while its live connector does not reach them yet; today every such network is live (docs/api.md), so it is only a guard for a network added later.',
  },
  {
    code: 686,
    http: 400,
    title: 'Post not published on the network',
    scope: 'request',
    action: 'comment',
    origin: 'herald',
    variants: {
      default: {
        message: 'The post is not published on {platformName} ({state}): there is nothing to comment on.',
        shape: SHAPE,
        params: {
          platformName: { sample: 'Facebook', meaning: 'the network' },
          state: { sample: 'failed', meaning: 'the state of the post on that network' },
        },
      },
    },
    remedy:
      'Comment once the post is live there: GET /api/post/:id shows each network’s state; retry a failed network first (PUT /api/post/retry).',
  },
  {
    code: 687,
    http: 502,
    title: 'Comment outcome unconfirmed',
    scope: 'request',
    action: 'comment',
    origin: 'herald',
    variants: {
      default: {
        message:
          'Herald sent the comment to {platformName} but could not confirm whether it was posted. Check {platformName} before sending it again.',
        shape: SHAPE,
        params: { platformName: { sample: 'Facebook', meaning: 'the network' } },
      },
    },
    remedy:
      'The answer was lost and the network offers no way to look the comment up by a key Herald chose: check the post on the network (GET /api/comments/:id lists its comments) before commenting again.',
  },
  {
    code: 688,
    http: 400,
    title: 'Comment too long for the network',
    scope: 'request',
    action: 'comment',
    origin: 'herald',
    variants: {
      default: {
        message: 'The comment is too long for {platformName}: {length} of at most {limit} {unit}.',
        shape: SHAPE,
        params: {
          platformName: { sample: 'Instagram', meaning: 'the network' },
          length: { sample: '312', meaning: 'the length as the network counts it' },
          limit: { sample: '300', meaning: 'the network’s limit for a comment' },
          unit: { sample: 'characters', meaning: 'what is counted' },
        },
      },
    },
    remedy: 'Shorten the comment for that network (docs/api.md lists each network’s comment limit).',
  },
  {
    code: 689,
    http: 400,
    title: 'Comment media not accepted',
    scope: 'request',
    action: 'comment',
    origin: 'herald',
    variants: {
      default: {
        message: '{platformName} cannot take media in a comment: {reason}.',
        shape: SHAPE,
        params: {
          platformName: { sample: 'Instagram', meaning: 'the network' },
          reason: { sample: 'only Facebook, LinkedIn and X take one image', meaning: 'the rule' },
        },
      },
    },
    remedy:
      'Send mediaUrls (one image) only to Facebook, LinkedIn and X; send the comment without media elsewhere.',
  },
];
