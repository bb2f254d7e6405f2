import { createHash } from 'node:crypto';

/**
 * Plausible engagement numbers for sandbox accounts, derived from an id only: the same
 * post always shows the same metrics, two posts show different ones, and the numbers
 * keep the proportions real posts have (reach below views, comments below likes).
 */
export interface SampleNumbers {
  views: number;
  reach: number;
  likes: number;
  comments: number;
  shares: number;
  saves: number;
  clicks: number;
  quotes: number;
  followers: number;
  following: number;
  posts: number;
  /** Seconds, for video networks. */
  watchSeconds: number;
}

/** Fractions in [0, 1) read from the id's SHA-256, as many as asked. */
function fractions(id: string, count: number): number[] {
  const out: number[] = [];
  let digest = createHash('sha256').update(id).digest();
  for (let i = 0; i < count; i++) {
    if (i > 0 && i % 8 === 0) digest = createHash('sha256').update(digest).digest();
    out.push(digest.readUInt32BE((i % 8) * 4) / 2 ** 32);
  }
  return out;
}

/** Between `min` and `max`, spread logarithmically (small accounts are the common case). */
function logBetween(fraction: number, min: number, max: number): number {
  return Math.round(Math.exp(Math.log(min) + fraction * (Math.log(max) - Math.log(min))));
}

export function sampleNumbers(id: string): SampleNumbers {
  const [f0 = 0, f1 = 0, f2 = 0, f3 = 0, f4 = 0, f5 = 0, f6 = 0, f7 = 0, f8 = 0, f9 = 0, f10 = 0] = fractions(
    id,
    11,
  );
  const views = logBetween(f0, 150, 60_000);
  const reach = Math.round(views * (0.55 + f1 * 0.35));
  const likes = Math.round(views * (0.01 + f2 * 0.07));
  const comments = Math.round(likes * (0.04 + f3 * 0.16));
  const followers = logBetween(f7, 80, 250_000);
  return {
    views,
    reach,
    likes,
    comments,
    shares: Math.round(likes * (0.02 + f4 * 0.12)),
    saves: Math.round(likes * (0.01 + f5 * 0.1)),
    clicks: Math.round(views * (0.004 + f6 * 0.03)),
    quotes: Math.round(likes * f8 * 0.03),
    followers,
    following: logBetween(f9, 20, 3_000),
    posts: logBetween(f10, 12, 4_000),
    watchSeconds: Math.round(views * (4 + f1 * 40)),
  };
}
