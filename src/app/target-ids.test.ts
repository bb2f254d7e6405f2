import { describe, expect, it } from 'vitest';
import { newTargetId } from './target-ids.ts';

describe('newTargetId', () => {
  it('is a UUIDv7 carrying the creation time', () => {
    const now = Date.UTC(2026, 10, 23, 12, 0, 0);
    const id = newTargetId(now);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(now);
    expect(newTargetId(now)).not.toBe(id);
  });
});
