import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Answer } from './api.ts';
import { type CatalogEntry, catalog } from './catalog.ts';

/** The catalog once loaded (empty until then). */
export function useCatalog(): Map<number, CatalogEntry> {
  const [entries, setEntries] = useState<Map<number, CatalogEntry>>(new Map());
  useEffect(() => {
    catalog().then(setEntries, () => setEntries(new Map()));
  }, []);
  return entries;
}

/** Runs a call now and on reload(); `answer` is undefined while the first call runs. */
export function useAnswer(call: () => Promise<Answer>, deps: unknown[] = []) {
  const [answer, setAnswer] = useState<Answer | undefined>();
  // The caller lists what its call depends on (deps), as useEffect does.
  const reload = useCallback(() => call().then(setAnswer), deps);
  useEffect(() => {
    reload();
  }, [reload]);
  return { answer, reload };
}
