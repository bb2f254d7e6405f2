/** Checkboxes in a fieldset: the networks a post (or a check) is for. */
export function NetworkChoice({
  legend,
  options,
  chosen,
  onChange,
}: {
  legend: string;
  options: readonly string[];
  chosen: readonly string[];
  onChange: (chosen: string[]) => void;
}) {
  return (
    <fieldset class="networks">
      <legend>{legend}</legend>
      {options.map((p) => (
        <label key={p}>
          <input
            type="checkbox"
            name="network"
            value={p}
            checked={chosen.includes(p)}
            onChange={(e) =>
              onChange(e.currentTarget.checked ? [...chosen, p] : chosen.filter((c) => c !== p))
            }
          />{' '}
          {p}
        </label>
      ))}
    </fieldset>
  );
}
