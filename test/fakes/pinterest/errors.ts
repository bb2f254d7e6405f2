import type { Reply } from '../http.ts';

/** Pinterest's error body `{code, message}` with the messages its OpenAPI spec gives (platform-apis.md §12). */
export function pinError(status: number, code: number, message: string): Reply {
  return { status, body: { code, message } };
}

export const INVALID = (message = 'Invalid parameters.'): Reply => pinError(400, 1, message);
export const AUTH_FAILED: Reply = pinError(401, 2, 'Authentication failed.');
export const NOT_PERMITTED: Reply = pinError(403, 29, 'You are not permitted to access that resource.');
export const BOARD_NOT_FOUND: Reply = pinError(404, 40, 'Board not found.');
export const PIN_NOT_FOUND: Reply = pinError(404, 50, 'Pin not found.');
export const TOKEN_INVALID: Reply = pinError(
  401,
  1104,
  'The token you provided is not valid or has expired.',
);
export const UNDER_REVIEW: Reply = pinError(
  403,
  2626,
  'We are reviewing your account. You will be able to create Pins once the review is complete.',
);
/** The reference gives no code for the 429 (only the shape): 8 is a stand-in; Herald decides on the status. */
export const RATE_LIMITED: Reply = pinError(429, 8, 'You have exceeded your rate limit. Try again later.');
