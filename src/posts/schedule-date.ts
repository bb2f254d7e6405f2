import { HeraldError } from '../errors/herald-error.ts';

// ISO-8601 with a time and an explicit zone (Z or ±hh:mm): a date without a zone is ambiguous.
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * A date-time with its zone (`2026-07-08T12:30:00Z`, `2026-03-29T09:00:00+02:00`), as an
 * instant. Malformed → 609. Past or future alike: callers decide what the past means.
 */
export function parseDateTime(raw: string): Date {
  const value = raw.slice(0, 64);
  if (!ISO.test(raw)) throw new HeraldError({ code: 609, params: { value } });
  const date = new Date(raw);
  if (Number.isNaN(date.getTime()) || !calendarValid(raw))
    throw new HeraldError({ code: 609, params: { value } });
  return date;
}

/** Null for "post now"; a future Date otherwise. Malformed → 609, past → 610. */
export function parseScheduleDate(raw: string | undefined, now: Date): Date | null {
  if (raw === undefined || raw === '') return null;
  const date = parseDateTime(raw);
  if (date.getTime() <= now.getTime())
    throw new HeraldError({ code: 610, params: { value: raw.slice(0, 64) } });
  return date;
}

/** Date rolls 2026-02-30 over to March; a schedule date must name a real calendar day and time. */
function calendarValid(raw: string): boolean {
  const [y, m, d, hh, mm] = raw.split(/[-T:]/).map(Number) as [number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth && hh <= 23 && mm <= 59;
}
