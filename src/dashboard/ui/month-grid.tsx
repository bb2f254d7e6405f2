import { useState } from 'preact/hooks';
import { type Json, text } from './api.ts';

/** Monday-first weeks of a month, as day numbers (null outside the month). */
export function weeksOf(year: number, month: number): (number | null)[][] {
  const first = (new Date(year, month, 1).getDay() + 6) % 7;
  const days = new Date(year, month + 1, 0).getDate();
  const cells = [...Array(first).fill(null), ...Array.from({ length: days }, (_, i) => i + 1)];
  while (cells.length % 7) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
}

function sameDay(iso: unknown, year: number, month: number, day: number): boolean {
  const d = new Date(text(iso));
  return d.getFullYear() === year && d.getMonth() === month && d.getDate() === day;
}

/** The queue as a month calendar in the reader's zone: how many posts go out each day. */
export function MonthGrid({ posts }: { posts: Json[] }) {
  const first = posts[0] ? new Date(text(posts[0].scheduleDate)) : new Date();
  const [shown, setShown] = useState({ year: first.getFullYear(), month: first.getMonth() });
  const move = (delta: number) => {
    const d = new Date(shown.year, shown.month + delta, 1);
    setShown({ year: d.getFullYear(), month: d.getMonth() });
  };
  const title = new Date(shown.year, shown.month, 1).toLocaleDateString(undefined, {
    month: 'long',
    year: 'numeric',
  });
  const weekdays = Array.from({ length: 7 }, (_, i) =>
    new Date(2024, 0, 1 + i).toLocaleDateString(undefined, { weekday: 'short' }),
  );
  return (
    <div class="calendar">
      <p>
        <button type="button" onClick={() => move(-1)}>
          Previous month
        </button>{' '}
        <button type="button" onClick={() => move(1)}>
          Next month
        </button>
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
                const count = day
                  ? posts.filter((p) => sameDay(p.scheduleDate, shown.year, shown.month, day)).length
                  : 0;
                return (
                  <td key={`${w}-${i}`} class={count ? 'busy' : ''}>
                    {day ?? ''}
                    {count ? <span class="count">{count === 1 ? '1 post' : `${count} posts`}</span> : null}
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
