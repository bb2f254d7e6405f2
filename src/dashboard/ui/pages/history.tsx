import { useState } from 'preact/hooks';
import { type Answer, api, asArray, failure, type Json, text } from '../api.ts';
import { Failure, Outcome, Status } from '../components.tsx';
import { useAnswer } from '../hooks.ts';
import { shown } from '../zoned-time.ts';

/** A post is retried when one of its networks failed (PUT /api/post/retry re-sends only those). */
function hasFailed(post: Json): boolean {
  return asArray(post.errors).length > 0 || asArray(post.targets).some((t) => t.state === 'failed');
}

function HistoryItem({ post, onRetried }: { post: Json; onRetried: (a: Answer) => void }) {
  const [busy, setBusy] = useState(false);
  const id = text(post.id);
  return (
    <li data-post={id}>
      <h2 class="post-heading">
        {shown(post.created)} · <span class="state">{text(post.status)}</span>
      </h2>
      {post.scheduleDate ? <p class="hint">Scheduled for {shown(post.scheduleDate)}</p> : null}
      <p class="post-text">{text(post.post)}</p>
      <Outcome post={post} />
      {hasFailed(post) ? (
        <button
          type="button"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            onRetried(await api('PUT', '/api/post/retry', { id }));
            setBusy(false);
          }}
        >
          Retry failed networks
        </button>
      ) : null}
    </li>
  );
}

export function HistoryPage() {
  const [status, setStatus] = useState('');
  const { answer, reload } = useAnswer(
    () =>
      api('GET', `/api/history?lastDays=0&limit=50${status ? `&status=${encodeURIComponent(status)}` : ''}`),
    [status],
  );
  const [retried, setRetried] = useState<Answer | undefined>();
  const posts = asArray(answer?.body.history);
  return (
    <>
      <p>
        <label for="history-status">Show</label>{' '}
        <select id="history-status" value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
          <option value="">every post</option>
          <option value="success">published</option>
          <option value="error">failed</option>
          <option value="scheduled">scheduled</option>
        </select>{' '}
        <button type="button" onClick={reload}>
          Refresh
        </button>
      </p>
      {answer ? <Failure error={failure(answer)} /> : <Status message="Loading…" />}
      {retried ? (
        failure(retried) ? (
          <Failure error={failure(retried)} />
        ) : (
          <Status message={`Retried: ${text(retried.body.status)}.`} />
        )
      ) : null}
      {answer && posts.length === 0 ? <p>No post yet.</p> : null}
      <ul class="posts">
        {posts.map((p) => (
          <HistoryItem
            key={text(p.id)}
            post={p}
            onRetried={(a) => {
              setRetried(a);
              reload();
            }}
          />
        ))}
      </ul>
    </>
  );
}
