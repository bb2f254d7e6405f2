import { useState } from 'preact/hooks';
import { type Answer, api, asArray, failure, type Json, text } from '../api.ts';
import { Failure, Status } from '../components.tsx';
import { useAnswer } from '../hooks.ts';
import { MonthGrid } from '../month-grid.tsx';
import { ScheduleFields } from '../schedule-fields.tsx';
import { localZone, shown, zonedIso } from '../zoned-time.ts';

/** Posts that have not gone yet: what the queue and its calendar show. */
const WAITING = ['scheduled', 'paused', 'awaiting approval', 'pending'];

/** The day an instant falls on in the reader's zone: the calendar's grouping. */
function dayOf(iso: unknown): string {
  return typeof iso === 'string'
    ? new Date(iso).toLocaleDateString(undefined, { dateStyle: 'full' })
    : 'No date';
}

function QueuedPost({ post, onChanged }: { post: Json; onChanged: (a: Answer) => void }) {
  const [local, setLocal] = useState('');
  const [zone, setZone] = useState(localZone());
  const id = text(post.id);
  const change = async (fields: Json) => onChanged(await api('PATCH', '/api/post', { id, ...fields }));
  return (
    <li data-post={id}>
      <p>
        <strong>{shown(post.scheduleDate)}</strong> ·{' '}
        {asArray(post.platforms).join(', ') || text(post.platforms)} ·{' '}
        <span class="state">{text(post.status)}</span>
      </p>
      <p class="post-text">{text(post.post)}</p>
      <div class="actions">
        {post.scheduledPause === true ? (
          <button type="button" onClick={() => change({ scheduledPause: false })}>
            Resume
          </button>
        ) : (
          <button type="button" onClick={() => change({ scheduledPause: true })}>
            Pause
          </button>
        )}
        {post.requiresApproval === true && post.approved !== true ? (
          <button type="button" onClick={() => change({ approved: true })}>
            Approve
          </button>
        ) : null}
        <form
          class="inline"
          onSubmit={(e) => {
            e.preventDefault();
            change({ scheduleDate: zonedIso(local, zone) });
          }}
        >
          <ScheduleFields
            id={`move-${id}`}
            local={local}
            zone={zone}
            onChange={(l, z) => {
              setLocal(l);
              setZone(z);
            }}
          />
          <button type="submit" disabled={local === ''}>
            Reschedule
          </button>
        </form>
        <button type="button" onClick={async () => onChanged(await api('DELETE', '/api/post', { id }))}>
          Delete
        </button>
      </div>
    </li>
  );
}

export function QueuePage() {
  const { answer, reload } = useAnswer(() => api('GET', '/api/history?type=scheduled&lastDays=0&limit=200'));
  const [last, setLast] = useState<Answer | undefined>();
  const posts = asArray(answer?.body.history)
    .filter((p) => WAITING.includes(text(p.status)))
    .sort((a, b) => text(a.scheduleDate).localeCompare(text(b.scheduleDate)));
  const days = [...new Set(posts.map((p) => dayOf(p.scheduleDate)))];
  const onChanged = (a: Answer) => {
    setLast(a);
    reload();
  };
  return (
    <>
      {answer ? <Failure error={failure(answer)} /> : <Status message="Loading…" />}
      {last ? <Failure error={failure(last)} /> : null}
      {last && !failure(last) ? <Status message="Saved." /> : null}
      {answer && posts.length === 0 ? <p>Nothing is waiting to be sent.</p> : null}
      {posts.length > 0 ? (
        <MonthGrid
          posts={posts}
          // The PATCH the reschedule form sends.
          onMove={async (id, scheduleDate) =>
            onChanged(await api('PATCH', '/api/post', { id, scheduleDate }))
          }
        />
      ) : null}
      {days.map((day) => (
        <section key={day} class="day">
          <h2>{day}</h2>
          <ul class="posts">
            {posts
              .filter((p) => dayOf(p.scheduleDate) === day)
              .map((p) => (
                <QueuedPost key={text(p.id)} post={p} onChanged={onChanged} />
              ))}
          </ul>
        </section>
      ))}
    </>
  );
}
