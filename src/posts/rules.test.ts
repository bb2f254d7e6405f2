import { describe, expect, it } from 'vitest';
import type { HeraldError } from '../errors/herald-error.ts';
import { envelopeHttpStatus } from './envelope.ts';
import { mediaItems } from './media-kind.ts';
import { type PostHold, rollupStatus } from './rollup.ts';
import { parseScheduleDate } from './schedule-date.ts';
import { canMove, TARGET_STATES, type TargetState } from './target-state.ts';
import { textLength, weightedLength } from './text-length.ts';

describe('rollupStatus', () => {
  it.each<[TargetState[], boolean, string]>([
    [['published', 'published'], false, 'success'],
    [['published', 'failed'], false, 'error'],
    [['published', 'unconfirmed'], false, 'error'],
    [['published', 'sending'], false, 'processing'],
    [['queued', 'failed'], false, 'pending'],
    [['queued', 'queued'], true, 'scheduled'],
    [['pending', 'published'], false, 'pending'],
    [['pending', 'failed'], false, 'error'],
    [['cancelled', 'cancelled'], true, 'deleted'],
    [['published', 'deleted'], false, 'success'],
    [['deleted'], false, 'deleted'],
  ])('%j (scheduled in future: %s) → %s', (states, future, status) => {
    expect(rollupStatus(states, future)).toBe(status);
  });

  it.each<[TargetState[], boolean, PostHold, string]>([
    [['queued', 'queued'], true, 'paused', 'paused'],
    [['queued', 'queued'], false, 'paused', 'paused'],
    [['queued'], true, 'awaiting approval', 'awaiting approval'],
    [['queued'], false, 'awaiting approval', 'awaiting approval'],
    // A hold only holds what still waits: a target being sent or already sent shows as such.
    [['published', 'sending'], false, 'paused', 'processing'],
    [['published', 'failed'], false, 'paused', 'error'],
    [['cancelled'], true, 'awaiting approval', 'deleted'],
  ])('%j (future: %s, hold: %s) → %s', (states, future, hold, status) => {
    expect(rollupStatus(states, future, hold)).toBe(status);
  });
});

describe('envelopeHttpStatus', () => {
  it.each<[number[], number]>([
    [[], 200],
    [[440], 400],
    [[435], 429],
    [[435, 435], 429],
    [[435, 440], 400],
    [[453], 504],
    [[416], 402],
    [[441, 441], 502],
  ])('%j → %i', (codes, status) => expect(envelopeHttpStatus(codes)).toBe(status));
});

describe('target state machine', () => {
  it('published is final except for a user delete', () => {
    for (const to of TARGET_STATES) expect(canMove('published', to)).toBe(to === 'deleted');
  });
  it('only a claim enters sending', () => {
    for (const from of TARGET_STATES) expect(canMove(from, 'sending')).toBe(from === 'queued');
  });
  it('cancelled and deleted are terminal', () => {
    for (const to of TARGET_STATES) {
      expect(canMove('cancelled', to)).toBe(false);
      expect(canMove('deleted', to)).toBe(false);
    }
  });
});

describe('parseScheduleDate', () => {
  const now = new Date('2026-06-01T12:00:00Z');
  it.each([
    ['2026-06-01T13:00:00Z', '2026-06-01T13:00:00.000Z'],
    ['2026-06-01T15:00:00+02:00', '2026-06-01T13:00:00.000Z'],
    ['2026-06-02T00:00:00.123Z', '2026-06-02T00:00:00.123Z'],
    // Offsets on both sides of Paris's DST change: the offset written is the one used.
    ['2027-03-27T09:00:00+01:00', '2027-03-27T08:00:00.000Z'],
    ['2027-03-29T09:00:00+02:00', '2027-03-29T07:00:00.000Z'],
    ['2027-11-07T09:00:00-05:00', '2027-11-07T14:00:00.000Z'],
    ['2027-03-29T09:00:00+0200', '2027-03-29T07:00:00.000Z'],
  ])('%s → %s', (raw, iso) => expect(parseScheduleDate(raw, now)?.toISOString()).toBe(iso));
  it.each([
    ['tomorrow', 609],
    ['2026-06-01', 609],
    ['2026-06-01T13:00:00', 609],
    ['2026-02-30T13:00:00Z', 609],
    ['2026-06-01T11:59:59Z', 610],
    ['2026-06-01T12:00:00Z', 610],
  ])('%s → %i', (raw, code) => {
    try {
      parseScheduleDate(raw, now);
      expect.unreachable();
    } catch (err) {
      expect((err as HeraldError).spec.code).toBe(code);
    }
  });
  it('no date means now', () => expect(parseScheduleDate(undefined, now)).toBeNull());
});

describe('text length per network unit', () => {
  it.each([
    ['abc', 'characters', 3],
    ['👍🏽', 'characters', 2],
    ['👍🏽', 'graphemes', 1],
    ['👨‍👩‍👧', 'graphemes', 1],
    ['é', 'graphemes', 1],
  ] as const)('%s in %s → %i', (text, unit, n) => expect(textLength(text, unit)).toBe(n));

  it('X weighs URLs as 23 and CJK/emoji as 2', () => {
    expect(weightedLength('hello')).toBe(5);
    expect(weightedLength('see https://example.com/a/very/long/path/indeed')).toBe(4 + 23);
    expect(weightedLength('日本')).toBe(4);
    expect(weightedLength('😀')).toBe(2);
  });
});

describe('mediaItems', () => {
  it('guesses video from the extension, or from isVideo', () => {
    expect(
      mediaItems(['https://x/a.jpg', 'https://x/b.MP4', 'https://x/c.mov?sig=1'], false).map((m) => m.kind),
    ).toEqual(['image', 'video', 'video']);
    expect(mediaItems(['https://x/signed?id=1'], true)[0]?.kind).toBe('video');
  });
});
