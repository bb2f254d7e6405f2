import { Type } from 'typebox';

const Title = Type.String({
  minLength: 1,
  maxLength: 100,
  // Ayrshare asks for letters and digits; its own SDK example has a space ("Instagram Schedule").
  pattern: '^[A-Za-z0-9][A-Za-z0-9 _-]*$',
  description: 'Name of the schedule (letters, digits, spaces, - and _); default "default".',
});

export const AutoScheduleSetBody = Type.Object({
  schedule: Type.Optional(
    Type.Array(Type.String({ maxLength: 16 }), {
      maxItems: 96,
      description:
        'Times of day: "13:05Z" (UTC, Ayrshare’s form) or, with timeZone, wall-clock "09:00". Duplicates are dropped. Required unless only setStartDate is sent.',
    }),
  ),
  title: Type.Optional(Title),
  timeZone: Type.Optional(
    Type.String({
      maxLength: 64,
      description: 'IANA time zone of the times (Herald’s addition; default UTC), e.g. Europe/Paris.',
    }),
  ),
  daysOfWeek: Type.Optional(
    Type.Array(Type.Integer({ minimum: 0, maximum: 6 }), {
      maxItems: 7,
      description: 'Days with slots, 0 = Sunday ... 6 = Saturday, in the schedule’s zone; default every day.',
    }),
  ),
  excludeDates: Type.Optional(
    Type.Array(Type.String({ maxLength: 64 }), {
      maxItems: 1000,
      description: 'Dates without slots, "2026-12-25" (in the schedule’s zone).',
    }),
  ),
  setStartDate: Type.Optional(
    Type.String({
      maxLength: 64,
      description:
        'No slot before this: a date-time with its zone, or a date (midnight in the schedule’s zone). Alone, it moves the start of an existing schedule.',
    }),
  ),
});

export const AutoScheduleDeleteBody = Type.Object({
  title: Type.Optional(Title),
  deleteLastScheduleDate: Type.Optional(
    Type.Boolean({
      description:
        'Accepted for Ayrshare’s clients; Herald keeps no cursor (every post takes the earliest free slot), so there is nothing to reset.',
    }),
  ),
});
