import { useMemo, useState } from 'preact/hooks';
import { useCatalog } from '../hooks.ts';

/** Every catalog code (GET /api/errors), searchable by code, word or network. */
export function CatalogPage() {
  const entries = useCatalog();
  const [query, setQuery] = useState('');
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return [...entries.values()].filter(
      (e) =>
        q === '' ||
        String(e.code) === q ||
        `${e.title} ${e.message} ${e.remedy} ${e.platforms.join(' ')}`.toLowerCase().includes(q),
    );
  }, [entries, query]);
  return (
    <>
      <p>
        <label for="catalog-search">Search by code, word or network</label>{' '}
        <input
          id="catalog-search"
          type="search"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
      </p>
      <p role="status">
        {shown.length} of {entries.size} codes
      </p>
      <dl class="catalog">
        {shown.map((e) => (
          <div key={e.code} id={`code-${e.code}`}>
            <dt>
              {e.code} · {e.title} <span class="hint">HTTP {e.httpStatus}</span>
            </dt>
            <dd>
              <p>{e.message}</p>
              <p class="remedy">
                <span class="label">What to do:</span> {e.remedy}
              </p>
              <p class="hint">
                {e.retryAvailable ? 'A retry can succeed. ' : 'Retrying the same request fails again. '}
                {e.relink ? 'Needs the account linked again. ' : ''}
                {e.platforms.length ? `Networks: ${e.platforms.join(', ')}.` : ''}
              </p>
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}
