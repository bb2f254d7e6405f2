import { type LoadPlan, runLoad } from './load.ts';

/**
 * The load generator's own process (started by load-driver.ts), so its CPU work
 * does not run on Herald's event loop and its memory is not in Herald's RSS.
 * Protocol: the parent sends {plan}; this answers {result} or {error}.
 */
if (!process.send) throw new Error('bench/load-process.ts runs as a child process with an IPC channel');

process.on('message', (message: { plan?: LoadPlan }) => {
  if (!message.plan) return;
  runLoad(message.plan).then(
    (result) => process.send?.({ result }),
    (err: Error) => process.send?.({ error: err.stack ?? err.message }),
  );
});
process.on('disconnect', () => process.exit(0));
