import { listSchedules } from '../../app/auto-schedules.ts';
import { documented } from '../answer.ts';
import { ErrorResponses } from '../schemas/common.ts';
import { ScheduleList } from '../schemas/schedule-responses.ts';
import type { RegisterRoute } from '../types.ts';

export const registerAutoScheduleList: RegisterRoute = (server, app) => {
  server.get(
    '/api/auto-schedule/list',
    {
      schema: {
        summary: 'The profile’s queue schedules, by title',
        tags: ['auto-schedule'],
        response: { 200: ScheduleList, ...ErrorResponses },
      },
    },
    async (request) => documented(await listSchedules(app, request.profile)),
  );
};
