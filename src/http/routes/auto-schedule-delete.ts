import { deleteSchedule } from '../../app/auto-schedules.ts';
import { AutoScheduleDeleteBody } from '../schemas/auto-schedule.ts';
import { AnyObject, ErrorResponses } from '../schemas/common.ts';
import type { RegisterRoute } from '../types.ts';

export const registerAutoScheduleDelete: RegisterRoute = (server, app) => {
  server.delete(
    '/api/auto-schedule/delete',
    {
      schema: {
        summary: 'Delete a queue schedule (posts it placed keep their dates)',
        tags: ['auto-schedule'],
        body: AutoScheduleDeleteBody,
        response: { 200: AnyObject, ...ErrorResponses },
      },
    },
    async (request) => deleteSchedule(app, request.profile, request.body?.title),
  );
};
