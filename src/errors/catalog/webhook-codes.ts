import type { CatalogEntry } from './types.ts';

const SHAPE = ['action', 'status', 'code', 'message', 'details'] as const;

/** Outbound webhooks: registration refusals and what a failed delivery records. */
export const WEBHOOK_CODES: readonly CatalogEntry[] = [
  {
    code: 670,
    http: 400,
    title: 'Webhook action not sent by Herald',
    scope: 'request',
    action: 'webhook',
    origin: 'herald',
    variants: {
      default: {
        message: 'Herald does not send "{action}" webhooks ({reason}). It sends: {sent}.',
        shape: SHAPE,
        params: {
          action: { sample: 'feed', meaning: 'the action named' },
          reason: { sample: 'Herald has no RSS/Substack feeds', meaning: 'why Herald has no such event' },
          sent: { sample: 'scheduled, social, immediate', meaning: 'the actions Herald sends' },
        },
      },
    },
    remedy:
      'Register one of the actions Herald sends (docs/api.md, Webhooks): a hook for an event that never happens would stay silent, so Herald refuses it instead.',
  },
  {
    code: 671,
    http: 400,
    title: 'Webhook URL not allowed',
    scope: 'request',
    action: 'webhook',
    origin: 'herald',
    variants: {
      default: {
        message: 'The webhook URL is not allowed: {reason}.',
        shape: SHAPE,
        params: { reason: { sample: 'https is required in production', meaning: 'what is wrong with it' } },
      },
    },
    remedy:
      'Register the final https URL of a public server (no redirects, no credentials in it). Private and loopback addresses are reached only when HERALD_MEDIA_ALLOW lists them.',
  },
  {
    code: 672,
    http: 502,
    title: 'Webhook delivery failed',
    scope: 'request',
    action: 'webhook',
    origin: 'herald',
    variants: {
      default: {
        message: 'The webhook receiver did not acknowledge the event: {reason}.',
        shape: SHAPE,
        params: {
          reason: { sample: 'the receiver answered HTTP 500', meaning: 'what the last attempt met' },
        },
      },
    },
    remedy:
      'Answer 2xx within 10 seconds from the registered URL itself (a redirect is a failure), then resend the event with POST /api/hook/deliveries/:id/resend if it was dead-lettered.',
  },
  {
    code: 673,
    http: 404,
    title: 'No webhook registered',
    scope: 'request',
    action: 'webhook',
    origin: 'herald',
    variants: {
      default: {
        message: 'No webhook is registered for "{action}" on this profile.',
        shape: SHAPE,
        params: { action: { sample: 'scheduled', meaning: 'the action named' } },
      },
    },
    remedy:
      'Register one with POST /api/hook/webhook; GET /api/hook/webhook lists what this profile has registered.',
  },
];
