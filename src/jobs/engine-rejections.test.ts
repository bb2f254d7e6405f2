import { describe, expect, it, vi } from 'vitest';
import { engineRejectionHandler, isLocalQueueReturnFailure } from './engine-rejections.ts';

/** The error graphile-worker 0.17.3's released local queue leaves unhandled (localQueue.js). */
const RETURN_FAILURE = new Error(
  'Error occurred whilst returning jobs from local queue to database queue: read ECONNRESET',
);

describe('engineRejectionHandler', () => {
  it.each<[string, unknown, boolean]>([
    ["graphile-worker's failed return of held jobs", RETURN_FAILURE, true],
    ['any other error', new Error('read ECONNRESET'), false],
    ['the same words inside another message', new Error(`wrapped: ${RETURN_FAILURE.message}`), false],
    ['a rejection that is not an Error', 'Error occurred whilst returning jobs from local queue', false],
  ])('%s: logged and kept alive = %s', (_name, reason, kept) => {
    expect(isLocalQueueReturnFailure(reason)).toBe(kept);
    const log = { error: vi.fn() };
    const handle = engineRejectionHandler(log);
    if (kept) {
      expect(() => handle(reason)).not.toThrow();
      expect(log.error).toHaveBeenCalledOnce();
    } else {
      // Thrown again: it ends the process as Node's default would.
      expect(() => handle(reason)).toThrow();
      expect(log.error).not.toHaveBeenCalled();
    }
  });
});
