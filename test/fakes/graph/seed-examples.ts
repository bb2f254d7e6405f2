import { readdirSync, readFileSync } from 'node:fs';

/**
 * The error bodies printed in the seeds (test/fixtures/seeds, copies of shared/seeds):
 * what the Meta end-to-end tests compare Herald's answers with, field by field.
 */

export type SeedBody = Record<string, unknown>;

const FIXTURES = new URL('../../fixtures/seeds/', import.meta.url);

/**
 * The JSON examples of a seed page: each starts at a line that is just `{` and runs to
 * its balanced closing brace. A string broken across lines in the dump (107's message)
 * is joined with one space.
 */
function jsonExamples(text: string): unknown[] {
  const examples: unknown[] = [];
  for (const start of text.matchAll(/^\{[ \t]*$/gm)) {
    let depth = 0;
    let inString = false;
    let escaped = false;
    let out = '';
    for (let i = start.index; i < text.length; i++) {
      const ch = text.charAt(i);
      if (inString) {
        if (ch === '\n') {
          out = `${out.trimEnd()} `;
          while (/[ \t]/.test(text.charAt(i + 1))) i++;
          continue;
        }
        if (escaped) escaped = false;
        else if (ch === '\\') escaped = true;
        else if (ch === '"') inString = false;
      } else if (ch === '"') inString = true;
      else if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') depth--;
      out += ch;
      if (depth === 0) break;
    }
    examples.push(JSON.parse(out));
  }
  return examples;
}

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
