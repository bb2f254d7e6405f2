import type { ServerResponse } from 'node:http';
import { EngagementBook } from '../engagement.ts';
import { type FakeRequest, listen, type ScriptedReply, Scripts, send } from '../http.ts';
import { AUTH_FAILED, BOARD_NOT_FOUND, NOT_PERMITTED, TOKEN_INVALID } from './errors.ts';
import { mediaStatus, registerMedia, storeUpload, UPLOAD_PATH } from './media.ts';
import { createPin, deletePin } from './pins.ts';
import { handleReads } from './reads.ts';
import { type FakeBoard, type FakePin, type FakeUser, newState, type PinterestState } from './state.ts';

/**
 * A fake Pinterest API v5 on loopback, as platform-apis.md §12 documents it: bearer
 * tokens, `{code, message}` errors, pins created from image URLs (Pinterest fetches
 * them; the fake only checks they are URLs), carousels, videos through `/v5/media` and
 * an S3-like storage endpoint, 204 deletes. `GET /v5/user_account` and
 * `GET /v5/boards/{id}` (the link-time checks) are not in the reference: they answer
 * the OpenAPI spec's fields Herald reads, nothing more. Tests read what it received
 * and script its next answers.
 */

export interface FakePinterest extends PinterestState {
  url: string;
  /** Counts the analytics answer, per pin or user id (derived unless a test sets them). */
  engagement: EngagementBook;
  requests: { method: string; path: string; bearer: boolean }[];
  script(script: ScriptedReply): void;
  addUser(user: FakeUser): FakeUser;
  addBoard(board: FakeBoard): FakeBoard;
  pinsOf(userId: string): FakePin[];
  calls(method: string, path: string): number;
  close(): Promise<void>;
}

export async function startFakePinterest(): Promise<FakePinterest> {
  const state = newState();
  const scripts = new Scripts();
  const requests: FakePinterest['requests'] = [];
  const engagement = new EngagementBook();

  async function handle(request: FakeRequest, res: ServerResponse): Promise<void> {
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    requests.push({ method: request.method, path: request.path, bearer: bearer !== undefined });
    // Storage, not the API: it authorizes by the signed form fields, never by the token.
    if (request.method === 'POST' && request.path === UPLOAD_PATH)
      return send(res, await storeUpload(state, request));
    const user = state.users.find((u) => u.token === bearer);
    if (!user) return send(res, AUTH_FAILED);
    if (user.expired) return send(res, TOKEN_INVALID);
    const scripted = scripts.take(request.method, request.path);
    if (scripted) return send(res, scripted);
    const { method, path } = request;
    if (method === 'GET' && path === '/v5/user_account') {
      const e = engagement.of(user.id);
      return send(res, {
        status: 200,
        body: {
          account_type: user.businessName ? 'BUSINESS' : 'PINNER',
          id: user.id,
          username: user.username,
          ...(user.businessName ? { business_name: user.businessName } : {}),
          profile_image: `https://i.pinimg.com/${user.username}.jpg`,
          website_url: '',
          board_count: state.boards.filter((b) => b.owner === user.id).length,
          pin_count: state.pins.filter((p) => p.owner === user.id && !p.deleted).length,
          follower_count: e.followers,
          following_count: e.follows,
          monthly_views: e.views * 30,
        },
      });
    }
    const read = handleReads(state, engagement, request, user);
    if (read) return send(res, read);
    if (method === 'GET' && path === '/v5/boards') {
      // The user's boards, one page (`bookmark` null: nothing more), as the v5 list endpoints answer.
      const items = state.boards
        .filter((b) => b.owner === user.id)
        .map((b) => ({ id: b.id, name: b.name, owner: { username: user.username }, privacy: 'PUBLIC' }));
      return send(res, { status: 200, body: { items, bookmark: null } });
    }
    const board = /^\/v5\/boards\/([^/]+)$/.exec(path);
    if (method === 'GET' && board) {
      const found = state.boards.find((b) => b.id === decodeURIComponent(board[1] ?? ''));
      if (!found) return send(res, BOARD_NOT_FOUND);
      if (found.owner !== user.id) return send(res, NOT_PERMITTED);
      return send(res, {
        status: 200,
        body: { id: found.id, name: found.name, owner: { username: user.username }, privacy: 'PUBLIC' },
      });
    }
    if (method === 'POST' && path === '/v5/pins') {
      const reply = createPin(state, request, user);
      if (reply.status === 201 && state.dropNextCreate) {
        // The pin exists; its answer never arrives.
        state.dropNextCreate = false;
        res.socket?.destroy();
        return;
      }
      return send(res, reply);
    }
    const pin = /^\/v5\/pins\/([^/]+)$/.exec(path);
    if (method === 'DELETE' && pin)
      return send(res, deletePin(state, decodeURIComponent(pin[1] ?? ''), user));
    if (method === 'POST' && path === '/v5/media') return send(res, registerMedia(state, request, user));
    const media = /^\/v5\/media\/([^/]+)$/.exec(path);
    if (method === 'GET' && media)
      return send(res, mediaStatus(state, decodeURIComponent(media[1] ?? ''), user));
    return send(res, { status: 404, body: { code: 404, message: 'Not found.' } });
  }

  const server = await listen(handle);
  state.origin = server.origin;
  return Object.assign(state, {
    url: server.origin,
    engagement,
    requests,
    script: (script: ScriptedReply) => scripts.add(script),
    addUser(user: FakeUser) {
      state.users.push(user);
      return user;
    },
    addBoard(board: FakeBoard) {
      state.boards.push(board);
      return board;
    },
    pinsOf: (userId: string) => state.pins.filter((p) => p.owner === userId && !p.deleted),
    calls: (method: string, path: string) =>
      requests.filter((r) => r.method === method && r.path === path).length,
    close: server.close,
  });
}
