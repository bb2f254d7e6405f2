/**
 * `Prefer: respond-async` (RFC 7240) on POST /api/post and PUT /api/post/retry: answer as
 * soon as the work is stored and queued, `pending` with the post's id, without waiting for
 * the networks (HERALD_POST_WAIT_MS). A client that shows each network's outcome as it
 * arrives (the CLI) follows the post with GET /api/post/:id.
 */
export function respondAsync(prefer: string | string[] | undefined): boolean {
  const given = Array.isArray(prefer) ? prefer.join(',') : (prefer ?? '');
  return given
    .split(',')
    .some((preference) => preference.split(';')[0]?.trim().toLowerCase() === 'respond-async');
}
