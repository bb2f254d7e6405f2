import { listSchedules } from '../../app/auto-schedules.ts';
import { AnyObject, ErrorResponses } from '../schemas/common.ts';
import type { RegisterRoute } from '../types.ts';

export const registerAutoScheduleList: RegisterRoute = (server, app) => {
  server.get(
    '/api/auto-schedule/list',
    {
      schema: {
        summary: 'The profile’s queue schedules, by title',
        tags: ['auto-schedule'],
        response: { 200: AnyObject, ...ErrorResponses },
      },
    },
    async (request) => listSchedules(app, request.profile),
  );
};
