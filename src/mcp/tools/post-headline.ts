import type { Reply } from '../../app/post-responses.ts';

const count = (value: unknown): number => (Array.isArray(value) ? value.length : 0);

/** The first line of a post or retry answer: the post id, its status, what published and what failed. */
export function postHeadline(reply: Reply): string {
  const { id, status, postIds, errors } = reply.body;
  if (typeof id !== 'string') return `Refused (HTTP ${reply.status}): nothing was posted.`;
  return `Post ${id}: ${String(status)} (HTTP ${reply.status}); ${count(postIds)} network(s) published, ${count(errors)} failed.`;
}
