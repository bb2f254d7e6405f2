import { deleteSchedule } from '../../app/auto-schedules.ts';
import { documented } from '../answer.ts';
import { AutoScheduleDeleteBody } from '../schemas/auto-schedule.ts';
import { ErrorResponses } from '../schemas/common.ts';
import { ScheduleDeleted } from '../schemas/schedule-responses.ts';
import type { RegisterRoute } from '../types.ts';

export const registerAutoScheduleDelete: RegisterRoute = (server, app) => {
  server.delete(
    '/api/auto-schedule/delete',
    {
      schema: {
        summary: 'Delete a queue schedule (posts it placed keep their dates)',
        tags: ['auto-schedule'],
        body: AutoScheduleDeleteBody,
        response: { 200: ScheduleDeleted, ...ErrorResponses },
      },
    },
    async (request) => documented(await deleteSchedule(app, request.profile, request.body?.title)),
  );
};
