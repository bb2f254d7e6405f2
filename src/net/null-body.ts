/**
 * Answers that carry no body, whatever their headers say (Fetch standard, "null body status",
 * and any answer to HEAD): a `Response` built for one must be given `null`, or the constructor
 * throws. Every adapter that turns an HTTP answer into a `Response` asks here.
 */
const NULL_BODY_STATUSES: ReadonlySet<number> = new Set([101, 103, 204, 205, 304]);

export function hasNullBody(method: string, status: number): boolean {
  return method === 'HEAD' || NULL_BODY_STATUSES.has(status);
}
