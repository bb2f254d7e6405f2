import { instantOf, wallTimeAt } from './zoned-time.ts';

/**
 * Queue slots: a schedule's wall-clock times on its days, in its time zone. The next
 * free slot is the earliest one after `after` that no other post of the profile takes.
 * No I/O: what is taken is handed in.
 */
export interface SlotRule {
  /** `HH:MM` wall-clock times in `timeZone`. */
  times: readonly string[];
  timeZone: string;
  /** 0 = Sunday ... 6 = Saturday, as the zone's calendar sees the day. */
  daysOfWeek: readonly number[];
  /** `YYYY-MM-DD` dates of the zone's calendar without slots. */
  excludeDates: readonly string[];
  /** No slot before this instant (Ayrshare's setStartDate). */
  startAt: number | null;
}

/** How far ahead a free slot is looked for: a rule whose days are all excluded ends here. */
export const HORIZON_DAYS = 366;

/** `HH:MM` → minutes since midnight; undefined for anything else. */
export function minutesOf(time: string): number | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Every slot of the rule, in order, from the calendar day of `from` in the zone, for
 * `days` days. Two times that land on one instant (a gap shifts 02:30 onto 03:30) are
 * one slot. Lazy: the first free slot is usually found on the first day.
 */
export function* slotsFrom(rule: SlotRule, from: number, days: number): Generator<number> {
  const start = wallTimeAt(from, rule.timeZone);
  const minutes = [...new Set(rule.times.map(minutesOf).filter((m): m is number => m !== undefined))];
  const excluded = new Set(rule.excludeDates);
  for (let offset = 0; offset < days; offset += 1) {
    // Calendar arithmetic on the date alone (UTC noon never crosses a date line).
    const date = new Date(Date.UTC(start.year, start.month - 1, start.day + offset, 12));
    const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    if (!rule.daysOfWeek.includes(date.getUTCDay()) || excluded.has(isoDate(year, month, day))) continue;
    const instants = minutes.map((m) =>
      instantOf({ year, month, day, hour: Math.floor(m / 60), minute: m % 60 }, rule.timeZone),
    );
    // Sorted after the shift: 02:30 moved to 03:30 by a gap comes after 03:15.
    yield* [...new Set(instants)].sort((a, b) => a - b);
  }
}

/**
 * The earliest slot strictly after `after` (and not before the rule's start) that
 * `taken` does not hold; undefined when none is free within HORIZON_DAYS.
 */
export function nextFreeSlot(
  rule: SlotRule,
  after: number,
  taken: ReadonlySet<number>,
  horizonDays = HORIZON_DAYS,
): number | undefined {
  const from = Math.max(after, rule.startAt ?? after);
  for (const slot of slotsFrom(rule, from, horizonDays + 1)) {
    if (slot > after && (rule.startAt === null || slot >= rule.startAt) && !taken.has(slot)) return slot;
  }
  return undefined;
}
