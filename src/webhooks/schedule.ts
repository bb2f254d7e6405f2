/**
 * When the next attempt of an event goes out. `step` counts the attempts made since the
 * schedule (re)started: after attempt n (1-based) fails, the wait is `schedule[n - 1]`;
 * past the schedule's end the event is dead-lettered. Each wait is drawn within ±10 %
 * so receivers that came back together are not hit by every sender at the same instant.
 */
export type NextAttempt = { kind: 'retry'; delayMs: number } | { kind: 'dead' };

export const JITTER = 0.1;

export function nextAttempt(
  schedule: readonly number[],
  step: number,
  random: () => number = Math.random,
): NextAttempt {
  const base = schedule[step - 1];
  if (base === undefined) return { kind: 'dead' };
  const factor = 1 - JITTER + 2 * JITTER * random();
  return { kind: 'retry', delayMs: Math.round(base * factor) };
}

/** The shortest time from the first attempt to the last: what "retried for at least N" promises. */
export function shortestSpanMs(schedule: readonly number[]): number {
  return schedule.reduce((sum, delay) => sum + delay * (1 - JITTER), 0);
}
