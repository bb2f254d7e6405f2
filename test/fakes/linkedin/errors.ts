import type { Reply } from '../http.ts';

/** LinkedIn's error body: `{status, serviceErrorCode?, code?, message}` (platform-apis.md §8). */
export function liError(
  status: number,
  code: string | undefined,
  message: string,
  serviceErrorCode?: number,
): Reply {
  return {
    status,
    body: { status, ...(serviceErrorCode ? { serviceErrorCode } : {}), ...(code ? { code } : {}), message },
  };
}
