import type { Reply } from '../app/post-responses.ts';

/** The part of a route's reply that sends: typed by the route's schema, so only `never` fits every route. */
interface Sender {
  status(code: number): { send(payload: never): unknown };
}

/**
 * Sends a service's answer with its status. Services build their bodies as records (they
 * are shared by several routes and by the webhook payloads); the route's response schema
 * documents them, and tests check every answer against it (serialization-check.ts), so
 * the body is handed over as the route's documented type here, in one place.
 */
export function sendReply(reply: Sender, result: Reply): never {
  // The handler returns the reply it sent, as Fastify expects; its type says nothing more to check.
  return reply.status(result.status).send(result.body as never) as never;
}

/** A service's body returned as the route's documented type (checked by tests, as above). */
export function documented(body: unknown): never {
  return body as never;
}
