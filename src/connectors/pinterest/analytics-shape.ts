import type { AnalyticsSamples, Metrics, SampleSeed } from '../analytics-types.ts';
import { sampleNumbers } from '../shared/sample-numbers.ts';
import { isObject } from './wire.ts';

/**
 * Pinterest's answers (API v5), metric names camelCased (`IMPRESSION` → `impression`,
 * `PIN_CLICK` → `pinClick`). Pin analytics cover at most the last 90 days (Pinterest's
 * limit); impressions can take 24–72 hours to appear.
 */
export const PIN_METRICS = 'IMPRESSION,SAVE,PIN_CLICK,OUTBOUND_CLICK,TOTAL_COMMENTS,TOTAL_REACTIONS';
export const ACCOUNT_METRICS = 'IMPRESSION,ENGAGEMENT,ENGAGEMENT_RATE,PIN_CLICK,OUTBOUND_CLICK,SAVE';
/** Pinterest answers analytics for at most 90 days back. */
export const WINDOW_DAYS = 90;

const camel = (name: string) => name.toLowerCase().replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

/** `{all: {summary_metrics | lifetime_metrics: {NAME: n}}}` as `{name: n}`. */
export function metricsOf(
  analytics: Record<string, unknown>,
  key: 'summary_metrics' | 'lifetime_metrics',
): Metrics {
  const all = isObject(analytics.all) ? analytics.all : {};
  const metrics = isObject(all[key]) ? (all[key] as Record<string, unknown>) : {};
  const out: Metrics = {};
  for (const [name, value] of Object.entries(metrics))
    if (typeof value === 'number') out[camel(name)] = value;
  return out;
}

export function pinUrl(id: string): string {
  return `https://www.pinterest.com/pin/${id}/`;
}

export function pinAnalytics(pin: Record<string, unknown>, analytics: Record<string, unknown>): Metrics {
  return {
    title: pin.title,
    post: pin.description,
    link: pin.link,
    boardId: pin.board_id,
    created: pin.created_at,
    ...metricsOf(analytics, 'summary_metrics'),
  };
}

export function pinItem(pin: Record<string, unknown>): Metrics {
  const id = String(pin.id ?? '');
  return {
    id,
    post: pin.description,
    title: pin.title,
    postUrl: pinUrl(id),
    created: pin.created_at,
    boardId: pin.board_id,
    link: pin.link,
  };
}

export function accountAnalytics(
  account: Record<string, unknown>,
  analytics: Record<string, unknown>,
): Metrics {
  const count = (value: unknown) => (typeof value === 'number' ? value : 0);
  return {
    username: account.username,
    businessName: account.business_name,
    accountType: account.account_type,
    followerCount: count(account.follower_count),
    followingCount: count(account.following_count),
    pinCount: count(account.pin_count),
    boardCount: count(account.board_count),
    monthlyViews: count(account.monthly_views),
    ...metricsOf(analytics, 'summary_metrics'),
  };
}

function summary(seed: SampleSeed) {
  const n = sampleNumbers(seed.id);
  return {
    all: {
      summary_metrics: {
        IMPRESSION: n.views,
        SAVE: n.saves,
        PIN_CLICK: n.clicks,
        OUTBOUND_CLICK: Math.round(n.clicks / 2),
        TOTAL_COMMENTS: n.comments,
        TOTAL_REACTIONS: n.likes,
      },
    },
  };
}

function samplePin(seed: SampleSeed): Record<string, unknown> {
  return {
    id: seed.id,
    title: seed.text.slice(0, 100),
    description: seed.text,
    // A pin without a destination link answers `link: null`.
    link: null,
    created_at: seed.created,
    board_id: '1',
  };
}

export const PINTEREST_SAMPLES: AnalyticsSamples = {
  post: (seed) => pinAnalytics(samplePin(seed), summary(seed)),
  account(seed) {
    const n = sampleNumbers(seed.id);
    return accountAnalytics(
      {
        username: seed.username,
        business_name: seed.text,
        account_type: 'BUSINESS',
        follower_count: n.followers,
        following_count: n.following,
        pin_count: n.posts,
        board_count: 1 + (n.posts % 12),
        monthly_views: n.views * 30,
      },
      summary(seed),
    );
  },
  historyItem: (seed) => pinItem(samplePin(seed)),
};
