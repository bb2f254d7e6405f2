import { type FakePinterest, startFakePinterest } from './server.ts';
import type { FakeBoard, FakeUser } from './state.ts';

/** A fake Pinterest with one business account, its board, and someone else's board. */
export interface PinterestWorld {
  fake: FakePinterest;
  user: FakeUser;
  board: FakeBoard;
  otherBoard: FakeBoard;
  /** What POST /api/accounts takes. */
  credentials: Record<string, unknown>;
}

export async function startPinterestWorld(): Promise<PinterestWorld> {
  const fake = await startFakePinterest();
  const user = fake.addUser({
    token: 'pina_herald-test-token-of-alice',
    id: '549755885175',
    username: 'heraldtest',
    businessName: 'Herald Test Co',
  });
  const other = fake.addUser({ token: 'pina_token-of-bob', id: '549755885176', username: 'bob' });
  const board = fake.addBoard({ id: '549755885175000001', name: 'Launches', owner: user.id });
  const otherBoard = fake.addBoard({ id: '549755885176000001', name: 'Bob’s board', owner: other.id });
  return { fake, user, board, otherBoard, credentials: { accessToken: user.token, boardId: board.id } };
}
