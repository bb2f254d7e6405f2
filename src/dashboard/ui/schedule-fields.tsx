import { useMemo } from 'preact/hooks';
import { localZone, zones } from './zoned-time.ts';

/** A date-time and its time zone; `id` prefixes the inputs' ids (several forms on a page). */
export function ScheduleFields({
  id,
  local,
  zone,
  onChange,
}: {
  id: string;
  local: string;
  zone: string;
  onChange: (local: string, zone: string) => void;
}) {
  const all = useMemo(() => zones(), []);
  return (
    <span class="schedule">
      <label for={`${id}-at`}>Date and time</label>
      <input
        id={`${id}-at`}
        type="datetime-local"
        value={local}
        onInput={(e) => onChange(e.currentTarget.value, zone)}
      />
      <label for={`${id}-zone`}>Time zone</label>
      <select
        id={`${id}-zone`}
        value={zone || localZone()}
        onChange={(e) => onChange(local, e.currentTarget.value)}
      >
        {all.map((z) => (
          <option key={z} value={z}>
            {z}
          </option>
        ))}
      </select>
    </span>
  );
}
