import type { Tool } from '../tool.ts';
import { accountsTool } from './accounts.ts';
import { analyticsPostTool, analyticsSocialTool } from './analytics.ts';
import { explainErrorTool } from './explain-error.ts';
import { getPostTool } from './get-post.ts';
import { historyTool } from './history.ts';
import { postTool } from './post.ts';
import { retryPostTool } from './retry-post.ts';
import { validatePostTool } from './validate-post.ts';
import { verifyMediaTool } from './verify-media.ts';

/** Every tool, one per Herald operation. */
export const TOOLS: readonly Tool[] = [
  accountsTool,
  postTool,
  validatePostTool,
  getPostTool,
  historyTool,
  retryPostTool,
  verifyMediaTool,
  analyticsPostTool,
  analyticsSocialTool,
  explainErrorTool,
];
