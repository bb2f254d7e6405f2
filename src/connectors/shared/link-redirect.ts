/**
 * Why a server a user named (a Mastodon instance, a Bluesky PDS) cannot be linked when its
 * API answered a redirect: Herald never follows one from a user-named server (it could point
 * anywhere, inside included), so the address given is not the API's own. Undefined when
 * the status is not a redirect.
 */
export function redirectRefusal(status: number, headers: Headers | undefined): string | undefined {
  if (status < 300 || status > 399) return undefined;
  const location = headers?.get('location')?.slice(0, 200);
  return `it answered a redirect (HTTP ${status}${location ? ` to ${location}` : ''}), which Herald does not follow: give the server's own https address`;
}
