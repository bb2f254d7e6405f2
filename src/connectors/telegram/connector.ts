import type { Connector } from '../types.ts';
import { telegramDeclaration } from './declaration.ts';
import { deletePost } from './delete.ts';
import { TELEGRAM_ERRORS } from './errors.ts';
import { publishPost } from './publish.ts';
import { verifyCredentials } from './verify.ts';

/** No `reconcile`: the Bot API cannot find a message by a key Herald chose (see publish.ts). */
export const telegramConnector: Connector = {
  declaration: telegramDeclaration,
  errorTable: TELEGRAM_ERRORS,
  verifyCredentials,
  publish: publishPost,
  delete: (input, ctx) => deletePost(input, ctx),
};
