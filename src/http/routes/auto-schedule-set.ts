import { type SetScheduleRequest, setSchedule } from '../../app/auto-schedules.ts';
import { AutoScheduleSetBody } from '../schemas/auto-schedule.ts';
import { AnyObject, ErrorResponses } from '../schemas/common.ts';
import type { RegisterRoute } from '../types.ts';

export const registerAutoScheduleSet: RegisterRoute = (server, app) => {
  server.post(
    '/api/auto-schedule/set',
    {
      schema: {
        summary: 'Create or replace a queue schedule (times of day, in UTC or an IANA time zone)',
        tags: ['auto-schedule'],
        body: AutoScheduleSetBody,
        response: { 200: AnyObject, ...ErrorResponses },
      },
    },
    async (request) => setSchedule(app, request.profile, request.body as SetScheduleRequest),
  );
};
