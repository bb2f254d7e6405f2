import { useState } from 'preact/hooks';
import { SENT_ACTIONS } from '../../../webhooks/actions.ts';
import { type Answer, api, asArray, failure, type Json, text } from '../api.ts';
import { ErrorNote, Failure, Section, Status } from '../components.tsx';
import { useAnswer } from '../hooks.ts';
import { shown } from '../zoned-time.ts';

/** The registrations (GET /api/hook/webhook answers {status, <action>: url, updated}). */
function Registrations({ onDone }: { onDone: (a: Answer) => void }) {
  const { answer, reload } = useAnswer(() => api('GET', '/api/hook/webhook'));
  const [action, setAction] = useState<string>(SENT_ACTIONS[0] ?? 'scheduled');
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [made, setMade] = useState<Json | undefined>();
  const hooks = SENT_ACTIONS.filter((a) => typeof answer?.body[a] === 'string');
  return (
    <Section title="Registrations">
      {answer && hooks.length === 0 ? <p>No webhook is registered.</p> : null}
      <ul>
        {hooks.map((a) => (
          <li key={a} data-action={a}>
            <strong>{a}</strong> → <code>{text(answer?.body[a])}</code>{' '}
            <button
              type="button"
              onClick={async () => {
                onDone(await api('DELETE', '/api/hook/webhook', { action: a }));
                reload();
              }}
            >
              Delete the {a} webhook
            </button>
          </li>
        ))}
      </ul>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const a = await api('POST', '/api/hook/webhook', { action, url, ...(secret ? { secret } : {}) });
          onDone(a);
          if (a.status === 200) setMade(a.body);
          reload();
        }}
      >
        <label for="hook-action">Action</label>{' '}
        <select id="hook-action" value={action} onChange={(e) => setAction(e.currentTarget.value)}>
          {SENT_ACTIONS.map((a) => (
            <option key={a}>{a}</option>
          ))}
        </select>{' '}
        <label for="hook-url">URL</label>{' '}
        <input id="hook-url" type="url" required value={url} onInput={(e) => setUrl(e.currentTarget.value)} />{' '}
        <label for="hook-secret">Secret (optional)</label>{' '}
        <input
          id="hook-secret"
          type="password"
          autocomplete="off"
          value={secret}
          onInput={(e) => setSecret(e.currentTarget.value)}
        />{' '}
        <button type="submit">Register</button>
      </form>
      {made?.secret ? (
        <p role="status">
          Signing secret (shown once): <code>{text(made.secret)}</code>
        </p>
      ) : null}
    </Section>
  );
}

function Deliveries({ onDone }: { onDone: (a: Answer) => void }) {
  const [status, setStatus] = useState('');
  const { answer, reload } = useAnswer(
    () => api('GET', `/api/hook/deliveries${status ? `?status=${status}` : ''}`),
    [status],
  );
  const deliveries = asArray(answer?.body.deliveries);
  return (
    <Section title="Deliveries">
      <p>
        <label for="delivery-status">Show</label>{' '}
        <select id="delivery-status" value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
          <option value="">all</option>
          <option value="pending">pending</option>
          <option value="delivered">delivered</option>
          <option value="failed">failed</option>
        </select>{' '}
        <button type="button" onClick={reload}>
          Refresh
        </button>
      </p>
      {answer ? <Failure error={failure(answer)} /> : <Status message="Loading…" />}
      {answer && deliveries.length === 0 ? <p>No event yet.</p> : null}
      <ul class="posts">
        {deliveries.map((d) => (
          <li key={text(d.id)} data-delivery={text(d.id)}>
            <p>
              <strong>{text(d.action)}</strong> {text(d.subAction)} · {text(d.status)} · {text(d.attempts)}{' '}
              attempt(s)
              {d.lastStatusCode ? ` · last answer HTTP ${text(d.lastStatusCode)}` : ''} · {shown(d.created)}
            </p>
            {d.lastError ? <ErrorNote error={d.lastError as Json} /> : null}
            <button
              type="button"
              onClick={async () => {
                onDone(await api('POST', `/api/hook/deliveries/${encodeURIComponent(text(d.id))}/resend`));
                reload();
              }}
            >
              Resend
            </button>
          </li>
        ))}
      </ul>
    </Section>
  );
}

export function WebhooksPage() {
  const [last, setLast] = useState<Answer | undefined>();
  return (
    <>
      {last ? <Failure error={failure(last)} /> : null}
      <Registrations onDone={setLast} />
      <Deliveries onDone={setLast} />
    </>
  );
}
