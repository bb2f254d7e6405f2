import { randomBytes } from 'node:crypto';

/**
 * Meta's error answers as the Graph API sends them (shared/reference/platform-apis.md §1–4):
 * the object sits under `error`, classic codes prefix their message with "(#code) ",
 * `type` is nearly always OAuthException, and the HTTP status is usually 400.
 */

export interface MetaError {
  code: number;
  subcode?: number;
  /** The developer message, without the "(#code) " prefix (added for classic codes). */
  message: string;
  /** Classic Graph codes print "(#code) " before the message. */
  classic?: boolean;
  type?: string;
  userTitle?: string;
  userMsg?: string;
  isTransient?: boolean;
  /** HTTP status; 400 unless given (1/2 come as 500, permission errors as 403). */
  status?: number;
}

export function traceId(): string {
  return randomBytes(12).toString('base64url').slice(0, 23);
}

export function statusOf(error: MetaError): number {
  if (error.status) return error.status;
  if (error.code === 1 || error.code === 2) return 500;
  if (error.code === 10 || (error.code >= 200 && error.code < 300)) return 403;
  return 400;
}

export function errorBody(error: MetaError): { error: Record<string, unknown> } {
  const body: Record<string, unknown> = {
    message: error.classic ? `(#${error.code}) ${error.message}` : error.message,
    type: error.type ?? 'OAuthException',
    code: error.code,
  };
  if (error.subcode !== undefined) body.error_subcode = error.subcode;
  body.is_transient = error.isTransient ?? (error.code === 1 || error.code === 2);
  if (error.userTitle !== undefined) body.error_user_title = error.userTitle;
  if (error.userMsg !== undefined) body.error_user_msg = error.userMsg;
  body.fbtrace_id = traceId();
  return { error: body };
}

function objectMissing(id: string, verb: 'get' | 'post' | 'delete'): MetaError {
  return {
    code: 100,
    subcode: 33,
    classic: false,
    type: 'GraphMethodException',
    message: `Unsupported ${verb} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
  };
}

/** Errors the fake answers by itself, and the ones tests script; each as Meta words it. */
export const META = {
  invalidToken: { code: 190, message: 'Invalid OAuth access token - Cannot parse access token' },
  sessionExpired: {
    code: 190,
    subcode: 463,
    message:
      'Error validating access token: Session has expired on Tuesday, 07-Jul-26 10:00:00 PDT. The current time is Wednesday, 08-Jul-26 10:00:00 PDT.',
  },
  passwordChanged: {
    code: 190,
    subcode: 460,
    message:
      'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
  },
  appRemoved: {
    code: 190,
    subcode: 458,
    message: 'Error validating access token: The user has not authorized application 1234567890.',
  },
  apiSession: { code: 102, message: 'Session key invalid or no longer valid', classic: false },
  missingPermission: {
    code: 200,
    classic: true,
    message: 'Requires pages_manage_posts permission to manage the object',
  },
  objectMissing,
  missingParameter: (name: string): MetaError => ({
    code: 100,
    classic: true,
    message: `The parameter ${name} is required`,
  }),
  duplicate: {
    code: 506,
    subcode: 1455006,
    classic: true,
    message: 'Duplicate status message',
    userTitle: 'Duplicate Status Update',
    userMsg:
      'This status update is identical to the last one you posted. Try posting something different, or delete your previous update.',
  },
  identity: {
    code: 368,
    subcode: 4854002,
    classic: true,
    message: 'The action attempted has been deemed abusive or is otherwise disallowed',
    userTitle: 'Confirm your identity',
    userMsg: 'Confirm your identity before you can publish as this Page.',
  },
  pagePublishingAuthorization: {
    code: 200,
    subcode: 1404078,
    classic: true,
    status: 400,
    message: 'Permissions error',
    userTitle: 'Page Publishing Authorization required',
    userMsg: 'To publish as this Page, complete Page Publishing Authorization.',
  },
  postingTooFast: {
    code: 368,
    subcode: 1390008,
    classic: true,
    message: 'The action attempted has been deemed abusive or is otherwise disallowed',
    userTitle: "You Can't Use This Feature Right Now",
    userMsg: "You're posting too fast. Please slow down.",
  },
  pageThrottle: {
    code: 80001,
    classic: true,
    message:
      'There have been too many calls to this Page account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.',
  },
  appLimit: { code: 4, classic: true, message: 'Application request limit reached', isTransient: true },
  unknownError: { code: 1, message: 'An unknown error has occurred.', isTransient: true },
  /** The real 2207052 body: its message differs from its user title (platform-apis.md §2). */
  mediaDownload: (uri: string): MetaError => ({
    code: 9004,
    subcode: 2207052,
    message: 'Only photo or video can be accepted as media type.',
    userTitle: "Media download has failed. The media URI doesn't meet our requirements.",
    userMsg: `The media could not be fetched from this URI: ${uri}`,
  }),
  aspectRatio: (ratio: string): MetaError => ({
    code: 36003,
    subcode: 2207009,
    classic: true,
    message: 'The aspect ratio is not supported.',
    userTitle: 'Invalid aspect ratio',
    userMsg: `The submitted image with aspect ratio ('${ratio}',) cannot be published. Please submit an image with a valid aspect ratio.`,
  }),
  downloadTimeout: {
    code: -2,
    subcode: 2207003,
    message: 'Timeout',
    userTitle: 'Timeout',
    userMsg: 'It takes too long to download the media.',
  },
  fatal: { code: -1, subcode: 2207085, message: 'Fatal', userTitle: 'Fatal', userMsg: 'Fatal' },
  restricted: {
    code: 25,
    subcode: 2207050,
    classic: true,
    message: 'The Instagram account is restricted.',
    userTitle: 'Restricted Instagram account',
    userMsg: "The app user's Instagram account is inactive, checkpointed, or restricted.",
  },
  spam: {
    code: 4,
    subcode: 2207051,
    classic: true,
    message: 'Application request limit reached',
    userTitle: 'Action is blocked',
    userMsg: 'We restrict certain activity to protect our community. Tell us if you think we made a mistake.',
  },
  publishLimit: {
    code: 9,
    subcode: 2207042,
    classic: true,
    message: 'Application request limit reached',
    userTitle: 'Max. posts reached',
    userMsg: 'You reached maximum number of posts that is allowed to be published by Content Publishing API.',
  },
  notReady: {
    code: 9007,
    subcode: 2207027,
    classic: true,
    message: 'Media ID is not available',
    userTitle: 'Media not ready for publishing',
    userMsg: 'The media is not ready for publishing, please wait for a moment',
  },
  /** [?] Meta's answer to a second publish of one container is undocumented; the fake refuses it. */
  alreadyPublished: { code: 100, classic: true, message: 'The media has already been published' },
} satisfies Record<string, MetaError | ((...args: never[]) => MetaError)>;
