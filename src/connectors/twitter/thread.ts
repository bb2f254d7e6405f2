/**
 * How a post becomes tweets: the splitting rule is shared with Threads' chains
 * (src/connectors/shared/thread-split.ts); X's names for it stay here.
 */
export { threadSegments, threadTexts as tweetTexts } from '../shared/thread-split.ts';
