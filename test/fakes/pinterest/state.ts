/** What the fake Pinterest holds: users (by token), boards, pins and video uploads. */

export interface FakeUser {
  token: string;
  id: string;
  username: string;
  businessName?: string;
  /** The token was valid once and has expired (code 1104 instead of 2). */
  expired?: boolean;
  /** The token's scopes (default: pins:read, pins:write, boards:read, user_accounts:read). */
  scopes?: Set<string>;
}

export interface FakeBoard {
  id: string;
  name: string;
  owner: string;
}

export interface FakePin {
  id: string;
  owner: string;
  body: Record<string, unknown>;
  createdAt: string;
  deleted: boolean;
}

export interface FakeMedia {
  id: string;
  owner: string;
  /** The form fields storage requires with the file. */
  parameters: Record<string, string>;
  status: 'registered' | 'processing' | 'succeeded' | 'failed';
  /** Status polls answered `processing` before `succeeded` (or `failed`). */
  pollsLeft: number;
  outcome: 'succeeded' | 'failed';
  uploaded?: { bytes: number; type: string; bearer: boolean };
}

export interface PinterestState {
  origin: string;
  users: FakeUser[];
  boards: FakeBoard[];
  pins: FakePin[];
  media: Map<string, FakeMedia>;
  /** Polls a new video stays `processing` after its upload. */
  processingPolls: number;
  /** The next uploaded video ends `failed`. */
  failNextVideo: boolean;
  /** Create the next pin, then drop the connection without an answer. */
  dropNextCreate: boolean;
  nextId(): string;
}

export function newState(): PinterestState {
  // Pin ids are 18-digit decimal strings.
  let counter = 108_300_000_000_000_000n;
  return {
    origin: '',
    users: [],
    boards: [],
    pins: [],
    media: new Map(),
    processingPolls: 1,
    failNextVideo: false,
    dropNextCreate: false,
    nextId: () => {
      counter += 1n;
      return String(counter);
    },
  };
}
