import { PLATFORMS } from '../../platforms.ts';
import type { CatalogEntry } from './types.ts';

const REQUEST_SHAPE = ['action', 'status', 'code', 'message', 'details'] as const;

/**
 * The post lifecycle: changing a post after it was accepted (PATCH /api/post), queue
 * slots, a scheduled post no worker sent in time, and a post whose sending Herald gave up
 * on. Herald's numbers 675–679.
 */
export const LIFECYCLE_CODES: readonly CatalogEntry[] = [
  {
    code: 675,
    http: 400,
    title: 'This change needs a new post',
    scope: 'request',
    action: 'update',
    origin: 'herald',
    variants: {
      default: {
        message:
          '{field} cannot be changed on post {id}: {reason}. Delete the post (DELETE /api/post) and post it again.',
        shape: REQUEST_SHAPE,
        params: {
          field: { sample: 'platforms', meaning: 'the field sent' },
          id: { sample: 'Hk3mP0qLs2', meaning: 'the post id' },
          reason: {
            sample: 'it was already sent',
            meaning: 'why PATCH cannot apply it (what PATCH can change, or the post’s state)',
          },
        },
      },
    },
    remedy:
      'PATCH /api/post changes scheduleDate, scheduledPause, approved, notes, the text and media of a post not sent yet, and the YouTube metadata of a published video. Anything else: delete the post and post again.',
  },
  {
    code: 676,
    http: 409,
    title: 'Post is being sent',
    scope: 'request',
    action: 'update',
    origin: 'herald',
    variants: {
      default: {
        message:
          'Post {id} is being sent to {platformName} right now and cannot be changed. Read its outcome with GET /api/post/{id}.',
        shape: REQUEST_SHAPE,
        params: {
          id: { sample: 'Hk3mP0qLs2', meaning: 'the post id' },
          platformName: { sample: 'Bluesky', meaning: 'a network the post is being sent to' },
        },
      },
    },
    remedy:
      'Wait until the post has an outcome. What went out cannot be edited; delete it (where the network allows) and post again.',
  },
  {
    code: 677,
    http: 400,
    title: 'Scheduled post missed',
    scope: 'network',
    action: 'post',
    platforms: PLATFORMS,
    origin: 'herald',
    variants: {
      default: {
        message:
          'The post was due at {dueAt} but no Herald worker picked it up until {startedAt}, later than the grace period of {grace}. It was not sent to {platformName}.',
        params: {
          dueAt: { sample: '2026-07-08T12:30:00.000Z', meaning: 'when the post was due' },
          startedAt: { sample: '2026-07-08T14:02:11.000Z', meaning: 'when a worker took it up' },
          grace: { sample: '60 minutes', meaning: 'HERALD_MISSED_GRACE_MS' },
          platformName: { sample: 'Bluesky', meaning: 'the network' },
        },
      },
    },
    remedy:
      'No worker ran while the post was due (check that `herald serve` or `herald serve --role worker` runs). Send it now with PUT /api/post/retry, or post it again; raise HERALD_MISSED_GRACE_MS to publish late posts instead.',
  },
  {
    code: 678,
    http: 400,
    title: 'No free queue slot',
    scope: 'request',
    action: 'post',
    origin: 'herald',
    variants: {
      default: {
        message: 'The auto schedule "{title}" has no free slot in the next {days} days.',
        shape: REQUEST_SHAPE,
        params: {
          title: { sample: 'default', meaning: 'the schedule' },
          days: { sample: '366', meaning: 'how far ahead Herald looks' },
        },
      },
    },
    remedy:
      'Add times or days to the schedule (POST /api/auto-schedule/set), remove excluded dates, or give the post a scheduleDate.',
  },
  {
    code: 679,
    http: 500,
    title: 'Sending given up',
    scope: 'network',
    action: 'post',
    platforms: PLATFORMS,
    origin: 'herald',
    variants: {
      default: {
        message:
          'Herald gave up sending the post to {platformName}: its publish job failed {attempts} times on an error inside Herald. Nothing was sent to {platformName}.',
        retryAvailable: true,
        params: {
          platformName: { sample: 'Bluesky', meaning: 'the network' },
          attempts: { sample: '10', meaning: 'how many times the publish job ran' },
        },
      },
      firstComment: {
        message:
          'Herald gave up posting the first comment on {platformName}: its job failed {attempts} times on an error inside Herald. The comment was not posted.',
        params: {
          platformName: { sample: 'Bluesky', meaning: 'the network' },
          attempts: { sample: '5', meaning: 'how many times the first comment’s job ran' },
        },
      },
    },
    remedy:
      'Nothing reached the network, so PUT /api/post/retry is safe (a first comment given up is a warning of a published post: post it with POST /api/comments). The worker logged each failure ("job failed", with the job id in details); if it happens again, report that log line.',
  },
];
