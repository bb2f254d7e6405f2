import { createHash } from 'node:crypto';

/**
 * What people did with an object on a fake network: the counts a fake's metrics endpoints
 * answer, derived from the object's id unless a test sets them (each fake keeps overrides).
 */
export interface Engagement {
  views: number;
  reach: number;
  clicks: number;
  like: number;
  love: number;
  wow: number;
  comments: number;
  shares: number;
  saves: number;
  replies: number;
  reposts: number;
  quotes: number;
  followers: number;
  follows: number;
  mediaCount: number;
}

export function derivedEngagement(id: string): Engagement {
  const digest = createHash('sha1').update(id).digest();
  const n = (i: number, max: number) => digest.readUInt16BE(i * 2) % max;
  const views = 100 + n(0, 9000);
  return {
    views,
    reach: Math.round(views * 0.7),
    clicks: n(1, 300),
    like: n(2, 400),
    love: n(3, 60),
    wow: n(4, 20),
    comments: n(5, 80),
    shares: n(6, 50),
    saves: n(7, 40),
    replies: n(8, 30),
    reposts: n(9, 25),
    quotes: n(9, 7),
    followers: 50 + n(1, 20000),
    follows: n(2, 90),
    mediaCount: 1 + n(3, 300),
  };
}

/** Overrides a test set, over the derived counts. */
export class EngagementBook {
  readonly overrides = new Map<string, Partial<Engagement>>();

  of(id: string): Engagement {
    return { ...derivedEngagement(id), ...this.overrides.get(id) };
  }

  set(id: string, counts: Partial<Engagement>): void {
    this.overrides.set(id, { ...this.overrides.get(id), ...counts });
  }
}
