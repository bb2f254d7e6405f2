import { describe, expect, it } from 'vitest';
import { buildErrorBody } from './build.ts';

describe('buildErrorBody', () => {
  it('prints the details a catalog entry prescribes, never a caller’s words in their place (624)', () => {
    const body = buildErrorBody({
      code: 624,
      platform: 'tiktok',
      params: { platformName: 'TikTok', retryAfter: 86_400 },
      details: 'spam_risk_too_many_posts: The user has reached the daily post cap',
    });
    expect(body).toEqual({
      action: 'rate limit',
      status: 'error',
      code: 624,
      message: 'TikTok rate limit reached. Please wait before retrying your post.',
      details: 'Retry-After: 86400',
      retryAvailable: true,
      platform: 'tiktok',
    });
  });

  it('keeps a caller’s details where the entry prescribes none (622)', () => {
    const body = buildErrorBody({
      code: 622,
      platform: 'reddit',
      params: { platformName: 'Reddit' },
      details: 'why',
    });
    expect(body.details).toBe('why');
  });
});
