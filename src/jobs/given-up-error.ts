import { DECLARATIONS } from '../connectors/declarations.ts';
import type { ErrorSpec } from '../errors/build.ts';
import type { Platform } from '../platforms.ts';

/**
 * The 679 a job records when its last attempt failed on an error of Herald's own: for the
 * post's network (a publish), or its `firstComment`. The error's own words stay in the
 * worker's log; `details` names the job so its log lines are found.
 */
export function givenUpError(
  platform: Platform,
  job: { id: string; attempts: number },
  what: 'publish' | 'firstComment',
): ErrorSpec {
  return {
    code: 679,
    ...(what === 'firstComment' ? { variant: 'firstComment' } : {}),
    platform,
    params: { platformName: DECLARATIONS[platform].name, attempts: String(job.attempts) },
    details: `${what === 'publish' ? 'Publish' : 'First-comment'} job ${job.id}: its last error is in the worker's log.`,
  };
}
