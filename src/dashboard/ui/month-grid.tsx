import { useMemo, useState } from 'preact/hooks';
import { type Json, text } from './api.ts';
import { dayIn, localZone, sameTimeOn, timeIn, zones } from './zoned-time.ts';

/** Monday-first weeks of a month, as day numbers (null outside the month). */
export function weeksOf(year: number, month: number): (number | null)[][] {
  const first = (new Date(year, month, 1).getDay() + 6) % 7;
  const days = new Date(year, month + 1, 0).getDate();
  const cells = [...Array(first).fill(null), ...Array.from({ length: days }, (_, i) => i + 1)];
  while (cells.length % 7) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
}

type Day = { year: number; month: number; day: number };
const clip = (value: string, n: number) => (value.length > n ? `${value.slice(0, n - 1)}…` : value);
const longDate = (d: Day) =>
  new Date(d.year, d.month, d.day).toLocaleDateString(undefined, { dateStyle: 'full' });

/**
 * The queue as a month calendar in a time zone (the reader's by default). A post is moved
 * to another day by dragging it there, or from the keyboard: its button picks it up, each
 * day then offers a "Move to …" button, Escape puts it down. Either way it keeps its time
 * of day in the calendar's zone (10:00 in Paris stays 10:00 in Paris across summer time):
 * `onMove` gets the new scheduleDate, for the PATCH the reschedule form sends.
 */
export function MonthGrid({
  posts,
  onMove,
}: {
  posts: Json[];
  onMove: (id: string, scheduleDate: string) => void;
}) {
  const [zone, setZone] = useState(localZone());
  const allZones = useMemo(() => zones(), []);
  const first = posts[0] ? dayIn(text(posts[0].scheduleDate), zone) : undefined;
  const today = new Date();
  const [shown, setShown] = useState({
    year: first?.year ?? today.getFullYear(),
    month: first?.month ?? today.getMonth(),
  });
  // The post being moved: dragged with the mouse, or picked up from the keyboard.
  const [moving, setMoving] = useState<string | undefined>();
  const [picked, setPicked] = useState(false);
  const [notice, setNotice] = useState('');
  const move = (delta: number) => {
    const d = new Date(shown.year, shown.month + delta, 1);
    setShown({ year: d.getFullYear(), month: d.getMonth() });
  };
  const drop = (day: Day, id = moving) => {
    const post = posts.find((p) => text(p.id) === id);
    setMoving(undefined);
    setPicked(false);
    if (!post) return;
    const from = dayIn(text(post.scheduleDate), zone);
    if (from.year === day.year && from.month === day.month && from.day === day.day) return;
    const to = sameTimeOn(text(post.scheduleDate), zone, day);
    // Herald sends a post moved into the past at once (PATCH's rule): never by a stray drop.
    if (Date.parse(to) <= Date.now()) {
      setNotice(
        `Not moved: ${longDate(day)} at ${timeIn(text(post.scheduleDate), zone)} has passed, and the post would go out at once.`,
      );
      return;
    }
    setNotice('');
    onMove(text(post.id), to);
  };
  const title = new Date(shown.year, shown.month, 1).toLocaleDateString(undefined, {
    month: 'long',
    year: 'numeric',
  });
  const weekdays = Array.from({ length: 7 }, (_, i) =>
    new Date(2024, 0, 1 + i).toLocaleDateString(undefined, { weekday: 'short' }),
  );
  const movingPost = picked ? posts.find((p) => text(p.id) === moving) : undefined;
  return (
    // Escape anywhere in the calendar puts a picked-up post down.
    // biome-ignore lint/a11y/noStaticElementInteractions: the key is handled for the buttons inside, which have focus
    <div
      class="calendar"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && picked) {
          setMoving(undefined);
          setPicked(false);
        }
      }}
    >
      <p>
        <button type="button" onClick={() => move(-1)}>
          Previous month
        </button>{' '}
        <button type="button" onClick={() => move(1)}>
          Next month
        </button>{' '}
        <label for="calendar-zone">Calendar time zone</label>{' '}
        <select id="calendar-zone" value={zone} onChange={(e) => setZone(e.currentTarget.value)}>
          {allZones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      </p>
      <p class="hint" role="status">
        {movingPost
          ? `Moving “${clip(text(movingPost.post), 40)}”: choose its new day (Escape cancels).`
          : notice || 'Drag a post to another day, or press it and choose the day: it keeps its time of day.'}
      </p>
      <table>
        <caption>{title}</caption>
        <thead>
          <tr>
            {weekdays.map((d) => (
              <th key={d} scope="col">
                {d}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeksOf(shown.year, shown.month).map((week, w) => (
            <tr key={`${shown.year}-${shown.month}-${w}`}>
              {week.map((day, i) => {
                const date = day ? { year: shown.year, month: shown.month, day } : undefined;
                const own = date
                  ? posts.filter((p) => {
                      const d = dayIn(text(p.scheduleDate), zone);
                      return d.year === date.year && d.month === date.month && d.day === date.day;
                    })
                  : [];
                return (
                  <td
                    key={`${w}-${i}`}
                    class={own.length ? 'busy' : ''}
                    data-day={
                      date
                        ? `${date.year}-${String(date.month + 1).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`
                        : undefined
                    }
                    onDragOver={(e) => {
                      // Every day takes a drop; one that carries no post of the queue changes nothing.
                      if (date) e.preventDefault();
                    }}
                    onDrop={(e) => {
                      e.preventDefault();
                      if (date) drop(date, e.dataTransfer?.getData('text/plain') || moving);
                    }}
                  >
                    {date && movingPost ? (
                      <button type="button" class="day-target" onClick={() => drop(date)}>
                        {day}
                        <span class="visually-hidden"> Move to {longDate(date)}</span>
                      </button>
                    ) : (
                      <span class="day-number">{day ?? ''}</span>
                    )}
                    {own.length ? (
                      <ul class="chips">
                        {own.map((p) => (
                          <li
                            key={text(p.id)}
                            data-post={text(p.id)}
                            draggable
                            onDragStart={(e) => {
                              e.dataTransfer?.setData('text/plain', text(p.id));
                              setMoving(text(p.id));
                              setPicked(false);
                            }}
                            onDragEnd={() => {
                              if (!picked) setMoving(undefined);
                            }}
                          >
                            <button
                              type="button"
                              aria-pressed={picked && moving === text(p.id)}
                              onClick={() => {
                                const again = picked && moving === text(p.id);
                                setMoving(again ? undefined : text(p.id));
                                setPicked(!again);
                              }}
                            >
                              {timeIn(text(p.scheduleDate), zone)} {clip(text(p.post), 18)}
                              <span class="visually-hidden"> (move to another day)</span>
                            </button>
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
