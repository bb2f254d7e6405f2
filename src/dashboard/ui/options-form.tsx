import type { Json } from './api.ts';
import { NETWORK_OPTIONS, type OptionField } from './network-options.ts';

/** Values typed in the simple fields: network → option → value. */
export type SimpleValues = Record<string, Record<string, string | boolean>>;

/**
 * The simple fields as Herald's option objects ({linkedInOptions: {disableShare: true}}),
 * then the JSON box over them (its fields win, option objects merged field by field).
 */
export function mergedOptions(platforms: readonly string[], simple: SimpleValues, json: Json): Json {
  const merged: Json = {};
  for (const platform of platforms) {
    const network = NETWORK_OPTIONS[platform];
    const values = simple[platform] ?? {};
    const chosen: Json = {};
    for (const field of network?.fields ?? []) {
      const value = values[field.name];
      if (value === undefined || value === '' || value === false) continue;
      chosen[field.name] = field.kind === 'integer' ? Number(value) : value;
    }
    if (network && Object.keys(chosen).length > 0) merged[network.field] = chosen;
  }
  for (const [key, value] of Object.entries(json)) {
    const before = merged[key];
    merged[key] = isObject(before) && isObject(value) ? { ...before, ...value } : value;
  }
  return merged;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function Field({
  id,
  field,
  value,
  onChange,
}: {
  id: string;
  field: OptionField;
  value: string | boolean | undefined;
  onChange: (value: string | boolean) => void;
}) {
  const hint = field.description ? <span class="hint"> {field.description}</span> : null;
  if (field.kind === 'boolean')
    return (
      <label class="option">
        <input type="checkbox" checked={value === true} onChange={(e) => onChange(e.currentTarget.checked)} />{' '}
        {field.name}
        {hint}
      </label>
    );
  return (
    <span class="option">
      <label for={id}>{field.name}</label>{' '}
      {field.kind === 'choice' ? (
        <select id={id} value={String(value ?? '')} onChange={(e) => onChange(e.currentTarget.value)}>
          <option value="">(default)</option>
          {field.choices.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      ) : field.kind === 'integer' ? (
        <input
          id={id}
          type="number"
          step={1}
          value={String(value ?? '')}
          onInput={(e) => onChange(e.currentTarget.value)}
        />
      ) : (
        <input
          id={id}
          type="text"
          value={String(value ?? '')}
          onInput={(e) => onChange(e.currentTarget.value)}
        />
      )}
      {hint}
    </span>
  );
}

/** One fieldset per chosen network with its simple option fields. */
export function OptionsForm({
  platforms,
  values,
  onChange,
}: {
  platforms: readonly string[];
  values: SimpleValues;
  onChange: (values: SimpleValues) => void;
}) {
  return (
    <>
      {platforms.map((platform) => {
        const network = NETWORK_OPTIONS[platform];
        if (!network || network.fields.length === 0) return null;
        return (
          <fieldset key={platform} class="options" data-platform={platform}>
            <legend>
              {platform} options ({network.field})
            </legend>
            {network.fields.map((field) => (
              <Field
                key={field.name}
                id={`option-${platform}-${field.name}`}
                field={field}
                value={values[platform]?.[field.name]}
                onChange={(value) =>
                  onChange({ ...values, [platform]: { ...values[platform], [field.name]: value } })
                }
              />
            ))}
          </fieldset>
        );
      })}
    </>
  );
}
