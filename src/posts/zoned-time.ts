/**
 * Wall-clock times in an IANA time zone, on the platform's Intl (Node ships full ICU
 * and its tz database): Herald keeps no time-zone rules of its own. Intl answers one
 * question, "what does the clock in this zone show at this instant?"; everything here
 * is derived from that.
 */

export interface WallTime {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const FORMATTERS = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = FORMATTERS.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    FORMATTERS.set(timeZone, found);
  }
  return found;
}

/** The zone's canonical name, or undefined when Intl does not know it (IANA names only, no offsets). */
export function canonicalTimeZone(name: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name) || name.length > 64) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** What the zone's clock shows at `instant` (seconds dropped). */
export function wallTimeAt(instant: number, timeZone: string): WallTime & { second: number } {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(instant))
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  return {
    year: parts.year as number,
    month: parts.month as number,
    day: parts.day as number,
    hour: parts.hour as number,
    minute: parts.minute as number,
    second: parts.second as number,
  };
}

/** The zone's offset from UTC at `instant`, in milliseconds (Paris in summer: +7,200,000). */
export function offsetAt(instant: number, timeZone: string): number {
  const w = wallTimeAt(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

const DAY_MS = 86_400_000;

/**
 * The instants at which the zone's clock shows `wall`: one normally, none in a
 * spring-forward gap, two in a fall-back overlap (earliest first). Real zones change
 * offset at most once within a day, so the offsets a day before and after are the only
 * candidates.
 */
export function instantsOf(wall: WallTime, timeZone: string): number[] {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const offsets = new Set([offsetAt(asUtc - DAY_MS, timeZone), offsetAt(asUtc + DAY_MS, timeZone)]);
  const found = [...offsets]
    .map((offset) => asUtc - offset)
    .filter((instant) => {
      const w = wallTimeAt(instant, timeZone);
      return (
        w.year === wall.year &&
        w.month === wall.month &&
        w.day === wall.day &&
        w.hour === wall.hour &&
        w.minute === wall.minute
      );
    });
  return [...new Set(found)].sort((a, b) => a - b);
}

/**
 * One instant for a wall-clock time, as RFC 5545 and Temporal's "compatible" choice do:
 * a time skipped by a spring-forward gap is read with the offset before the gap (02:30
 * on Paris's spring day is 03:30 CEST, the time a clock not yet moved would show); a time
 * that occurs twice on a fall-back day is its first occurrence (02:30 CEST, not CET).
 */
export function instantOf(wall: WallTime, timeZone: string): number {
  const [first] = instantsOf(wall, timeZone);
  if (first !== undefined) return first;
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  return asUtc - offsetAt(asUtc - DAY_MS, timeZone);
}
