import type {
  AnalyticsCapability,
  AnalyticsFailure,
  AnalyticsSamples,
  HistoryInput,
} from '../analytics-types.ts';
import type { Declaration, LinkedAccount } from '../types.ts';
import { SAMPLE_ERR_CODES } from './sample-details.ts';
import { sampleError, seedOf } from './sample-error.ts';
import { triggerFor } from './triggers.ts';

/** How many posts a sandbox account has on its network before anything Herald published. */
export const SANDBOX_HISTORY_SIZE = 24;
/** A fixed "now" for invented history: the same account always lists the same posts. */
const SANDBOX_EPOCH = '2026-01-15T12:00:00.000Z';

/**
 * Analytics of a sandbox account: no network call, metrics invented from the object's id
 * and shaped by the live connector's own builders (`samples`), so a sandbox answer has
 * exactly the fields a live one has. A post whose text holds an analytics trigger
 * (`#sandbox-fail-444`, `#sandbox-fail-475`, `#sandbox-fail-272-analytics`) publishes
 * normally and fails here, with the body the live connector would produce.
 */
export function sandboxAnalytics(declaration: Declaration, samples: AnalyticsSamples): AnalyticsCapability {
  const platform = declaration.id;

  function triggered(text: string, id: string, account: LinkedAccount): AnalyticsFailure | undefined {
    const trigger = triggerFor(text, platform, 'analytics');
    if (!trigger) return undefined;
    const error = sampleError(declaration, trigger.entry, trigger.variant, { options: {} });
    const errCode = SAMPLE_ERR_CODES[String(trigger.entry.code)];
    return {
      kind: 'failed',
      error,
      ...(errCode !== undefined ? { fields: { errCode, pageId: account.externalId, id } } : {}),
    };
  }

  /** A sandbox account asks for what the network asks for (X's BYO keys: 419, 423), as its publishing does. */
  function refusedAccess(input: {
    account: LinkedAccount;
    requestSecrets?: Readonly<Record<string, string>>;
  }): AnalyticsFailure | undefined {
    const [refused] =
      declaration.validateAccess?.(input.account.credentials, input.requestSecrets ?? {}) ?? [];
    return refused ? { kind: 'failed', error: refused } : undefined;
  }

  function history(input: HistoryInput) {
    const offset = Number(input.cursor ?? 0);
    const start = Number.isInteger(offset) && offset >= 0 ? offset : 0;
    const own = input.published ?? [];
    const items = [
      ...own.map((post) =>
        samples.historyItem(
          {
            id: post.id,
            postUrl: post.postUrl,
            username: input.account.username,
            text: post.text,
            created: post.created,
          },
          0,
        ),
      ),
      ...Array.from({ length: SANDBOX_HISTORY_SIZE }, (_, i) => {
        const seed = seedOf(`${input.account.externalId}-history-${i}`, input.account.username, {});
        const { id, postUrl } = declaration.sandboxPost(seed);
        return samples.historyItem(
          {
            id,
            postUrl,
            username: input.account.username,
            text: `Sandbox post ${i + 1} of ${input.account.username}`,
            created: new Date(Date.parse(SANDBOX_EPOCH) - (i + 1) * 86_400_000).toISOString(),
          },
          i + 1,
        );
      }),
    ];
    const page = items.slice(start, start + input.limit);
    const end = start + page.length;
    return { kind: 'posts' as const, posts: page, ...(end < items.length ? { next: String(end) } : {}) };
  }

  return {
    errorTable: [],
    samples,
    async post(input) {
      const refused = refusedAccess(input);
      if (refused) return refused;
      const known = input.published;
      const failure = triggered(known?.text ?? '', input.id, input.account);
      if (failure) return failure;
      const postUrl = known?.postUrl ?? '';
      const analytics = samples.post({
        id: input.id,
        postUrl,
        username: input.account.username,
        text: known?.text ?? '',
        created: known?.created ?? SANDBOX_EPOCH,
      });
      return { kind: 'metrics', id: input.id, ...(postUrl ? { postUrl } : {}), analytics };
    },
    async account(input) {
      const refused = refusedAccess(input);
      if (refused) return refused;
      const id = input.user?.id ?? input.user?.name ?? input.account.externalId;
      const analytics = samples.account({
        id,
        postUrl: '',
        username: input.user?.name ?? input.account.username,
        text: input.account.displayName,
        created: SANDBOX_EPOCH,
      });
      return { kind: 'metrics', id, analytics };
    },
    async history(input) {
      return refusedAccess(input) ?? history(input);
    },
  };
}
