import type { Reply } from '../app/post-responses.ts';
import { buildErrorBody, httpStatusOf } from '../errors/build.ts';
import { specOf } from '../http/boundary.ts';
import { type Caller, operations } from '../http/operations.ts';

type Operations = typeof operations;

/**
 * Where the tools' calls go, one method per operation, each answering what the REST
 * endpoint answers (HTTP status and body): Herald's own operations in-process (the /mcp
 * route), or a running Herald over HTTP (`herald mcp`, see remote-backend.ts).
 */
export type Backend = {
  [Name in keyof Operations]: (input: Parameters<Operations[Name]>[1]) => Promise<Reply>;
};

/**
 * The operations for one caller, in this process. What they throw is rendered as the HTTP
 * boundary renders it (boundary.ts): a catalog body, and 612 with the request id for
 * anything unexpected, whose stack goes to the log and never to the agent.
 */
export function inProcessBackend(caller: Caller, requestId: string): Backend {
  const rendered = (error: unknown): Reply => {
    const { spec, log } = specOf(error, requestId);
    if (log) caller.app.log.error({ err: error, reqId: requestId, route: '/mcp' }, 'unhandled error');
    return { status: httpStatusOf(spec.code), body: buildErrorBody(spec, caller.lang) };
  };
  const bind =
    <Input>(operation: (caller: Caller, input: Input) => Promise<Reply>) =>
    async (input: Input): Promise<Reply> => {
      try {
        return await operation(caller, input);
      } catch (error) {
        return rendered(error);
      }
    };
  return {
    createPost: bind(operations.createPost),
    validatePost: bind(operations.validatePost),
    retryPost: bind(operations.retryPost),
    history: bind(operations.history),
    user: bind(operations.user),
    getPost: bind(operations.getPost),
    verifyMedia: bind(operations.verifyMedia),
    analyticsPost: bind(operations.analyticsPost),
    analyticsSocial: bind(operations.analyticsSocial),
  };
}
