import { type SetScheduleRequest, setSchedule } from '../../app/auto-schedules.ts';
import { documented } from '../answer.ts';
import { AutoScheduleSetBody } from '../schemas/auto-schedule.ts';
import { ErrorResponses } from '../schemas/common.ts';
import { ScheduleSet } from '../schemas/schedule-responses.ts';
import type { RegisterRoute } from '../types.ts';

export const registerAutoScheduleSet: RegisterRoute = (server, app) => {
  server.post(
    '/api/auto-schedule/set',
    {
      schema: {
        summary: 'Create or replace a queue schedule (times of day, in UTC or an IANA time zone)',
        tags: ['auto-schedule'],
        body: AutoScheduleSetBody,
        response: { 200: ScheduleSet, ...ErrorResponses },
      },
    },
    async (request) =>
      documented(await setSchedule(app, request.profile, request.body as SetScheduleRequest)),
  );
};
