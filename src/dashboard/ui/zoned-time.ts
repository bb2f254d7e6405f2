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
