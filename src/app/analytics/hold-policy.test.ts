import { describe, expect, it } from 'vitest';
import type { AnalyticsFailure } from '../../connectors/analytics-types.ts';
import { holdSeconds } from './hold-policy.ts';

const failure = (code: number, waitSeconds?: number): AnalyticsFailure => ({
  kind: 'failed',
  error: { code },
  ...(waitSeconds !== undefined ? { waitSeconds } : {}),
});

describe('how long a failure is answered without asking the network', () => {
  it.each([
    ['444, first throttle', failure(444), 1, 300],
    ['444, second in a row', failure(444), 2, 600],
    ['444, fourth in a row', failure(444), 4, 2_400],
    ['444, past the ceiling', failure(444), 9, 3_600],
    ['444, Meta asks for longer (BUC estimate)', failure(444, 5_400), 1, 5_400],
    ['624 backs off the same way', failure(624), 3, 1_200],
    ['624 with the reset the network named', failure(624, 40), 1, 300],
    ['475 is kept briefly, as the seed describes', failure(475), 1, 300],
    ['475 the same however often it repeats', failure(475), 5, 300],
    ['682 (another analytics permission)', failure(682), 1, 300],
    ['272 (X identity)', failure(272), 1, 300],
    ['625 (transient): asked again next time', failure(625), 1, 0],
    ['607 (no such post): asked again next time', failure(607), 3, 0],
    ['a code without policy keeps the network’s own wait', failure(621, 30), 1, 30],
  ])('%s', (_name, input, inARow, expected) => {
    expect(holdSeconds(input, inARow)).toBe(expected);
  });
});
