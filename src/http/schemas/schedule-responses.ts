import { Type } from 'typebox';
import { Dictionary, Instant, Success } from './common.ts';

/** A queue schedule as answers show it. */
const ScheduleView = {
  schedule: Type.Array(Type.String(), { description: '"13:05Z" (UTC) or wall-clock "09:00" in timeZone.' }),
  timeZone: Type.String(),
  daysOfWeek: Type.Array(Type.Integer({ minimum: 0, maximum: 6 })),
  excludeDates: Type.Array(Type.String()),
  setStartDate: Type.Optional(Instant()),
  lastScheduleDate: Type.Optional(Instant('The latest date it gave a post still scheduled or sent.')),
};

const VIEW = {
  schedule: ['09:00', '17:30'],
  timeZone: 'Europe/Paris',
  daysOfWeek: [1, 2, 3, 4, 5],
  excludeDates: ['2026-12-25'],
};

/** POST /api/auto-schedule/set. */
export const ScheduleSet = Type.Object(
  { status: Success, message: Type.String(), title: Type.String(), ...ScheduleView },
  { examples: [{ status: 'success', message: 'Auto schedule set.', title: 'weekdays', ...VIEW }] },
);

/** GET /api/auto-schedule/list. */
export const ScheduleList = Type.Object(
  {
    status: Success,
    schedules: Dictionary(Type.Object(ScheduleView), 'By title.'),
  },
  {
    examples: [
      {
        status: 'success',
        schedules: { weekdays: { ...VIEW, lastScheduleDate: '2026-12-04T16:30:00.000Z' } },
      },
    ],
  },
);

/** DELETE /api/auto-schedule/delete. */
export const ScheduleDeleted = Type.Object(
  { status: Success, message: Type.String(), title: Type.String() },
  { examples: [{ status: 'success', message: 'Auto schedule deleted.', title: 'weekdays' }] },
);
