import { readdirSync, readFileSync } from 'node:fs';
import { jsonExamples } from '../../helpers/seed-json.ts';

/**
 * The error bodies printed in the seeds (test/fixtures/seeds, copies of shared/seeds):
 * what the Meta end-to-end tests compare Herald's answers with, field by field.
 */

export type SeedBody = Record<string, unknown>;

const FIXTURES = new URL('../../fixtures/seeds/', import.meta.url);

function isBody(value: unknown): value is SeedBody {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every per-network error body of the seeds (the entries of `errors[]`), latest seed first. */
function allBodies(): SeedBody[] {
  const files = readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .reverse();
  return files.flatMap((name) =>
    jsonExamples(readFileSync(new URL(name, FIXTURES), 'utf8')).flatMap((example) =>
      isBody(example) && Array.isArray(example.errors) ? example.errors.filter(isBody) : [],
    ),
  );
}

const BODIES = allBodies();

/** The seed's body for a code (the first that also passes `which`); throws when the seeds have none. */
export function seedBody(code: number, which: (body: SeedBody) => boolean = () => true): SeedBody {
  const found = BODIES.find((body) => body.code === code && which(body));
  if (!found) throw new Error(`no seed body for code ${code}`);
  return found;
}
