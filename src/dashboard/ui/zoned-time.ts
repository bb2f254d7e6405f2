import { TZDate } from '@date-fns/tz';

/** The browser's own zone, and every zone it knows, for the schedule's zone picker. */
export function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Intl lists canonical zones only: UTC (and the browser's own, when an alias) are added. */
export function zones(): string[] {
  const all = Intl.supportedValuesOf('timeZone');
  return [...new Set(['UTC', localZone(), ...all])];
}

/**
 * A wall-clock time (`2026-12-05T09:00` from <input type=datetime-local>) in an IANA zone,
 * as ISO-8601 with that zone's offset on that day (`2026-12-05T09:00:00.000+01:00`): what
 * Herald's scheduleDate asks for. The offset (summer time included) comes from @date-fns/tz.
 */
export function zonedIso(local: string, zone: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return '';
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  return new TZDate(y, mo - 1, d, h, mi, zone).toISOString();
}

/** An instant shown in the reader's zone, with the zone's name. */
export function shown(iso: unknown): string {
  if (typeof iso !== 'string' || iso === '') return '';
  // timeStyle 'long' names the zone (dateStyle cannot be combined with timeZoneName).
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'long' });
}

/** The calendar day an instant falls on in a zone (month 0-based, as Date's). */
export function dayIn(iso: string, zone: string): { year: number; month: number; day: number } {
  const d = new TZDate(iso, zone);
  return { year: d.getFullYear(), month: d.getMonth(), day: d.getDate() };
}

/** `09:30`: an instant's wall-clock time in a zone. */
export function timeIn(iso: string, zone: string): string {
  const d = new TZDate(iso, zone);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/**
 * The same wall-clock time as `iso` in `zone`, on another day (what dragging a post to a
 * day of the calendar means): 10:00 in Paris stays 10:00 in Paris across a change of
 * summer time, so the UTC instant moves by an hour then. Seconds are kept too. ISO-8601
 * with the zone's offset on the new day, as zonedIso.
 */
export function sameTimeOn(
  iso: string,
  zone: string,
  day: { year: number; month: number; day: number },
): string {
  const from = new TZDate(iso, zone);
  return new TZDate(
    day.year,
    day.month,
    day.day,
    from.getHours(),
    from.getMinutes(),
    from.getSeconds(),
    zone,
  ).toISOString();
}
