import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { jsonExamples } from './seed-json.ts';

/**
 * Seed 002's analytics examples, read from the page itself (test/fixtures/seeds): what the
 * analytics tests compare Herald's answers with, field by field and in the seed's order.
 */

type Json = Record<string, unknown>;

const SEED_002 = readFileSync(new URL('../fixtures/seeds/002_ebd649568f334a82.txt', import.meta.url), 'utf8');
const EXAMPLES = jsonExamples(SEED_002).filter(
  (e): e is Json => typeof e === 'object' && e !== null && !Array.isArray(e),
);

function find(which: (example: Json) => boolean, name: string): Json {
  const found = EXAMPLES.find(which);
  if (!found) throw new Error(`seed 002 has no ${name} example`);
  return found;
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

/** `{status, facebook: {action, status, code: 444, errCode, message, pageId, id}, httpErrorCode, lastUpdated, nextUpdate}` */
export const SEED_444 = find((e) => isObject(e.facebook) && e.facebook.code === 444, '444');
/** `{action: "authorization", status, code: 475, message, resolution}` */
export const SEED_475 = find((e) => e.code === 475, '475');
/** `{action: "post", status, code: 272, message, resolution, details}`: the analytics path's variant. */
export const SEED_272_ANALYTICS = find((e) => e.code === 272 && isObject(e.resolution), '272 analytics');

/**
 * The answer equals the seed's example key for key, in the seed's order; a value the seed
 * prints as "..." (an id, a time) only has to be present, and `placeholders` says what it
 * must be instead.
 */
export function expectSeedShape(actual: unknown, seed: unknown, placeholders: Json = {}): void {
  if (isObject(seed) && !Array.isArray(seed)) {
    expect(isObject(actual), 'an object where the seed has one').toBe(true);
    const object = actual as Json;
    expect(Object.keys(object), 'the seed’s keys, in its order').toEqual(Object.keys(seed));
    for (const [key, value] of Object.entries(seed)) {
      const nested = isObject(placeholders[key]) ? (placeholders[key] as Json) : {};
      if (value === '...') {
        expect(object[key], `${key} is present`).toBeDefined();
        if (key in placeholders && !isObject(placeholders[key]))
          expect(object[key], key).toEqual(placeholders[key]);
      } else expectSeedShape(object[key], value, nested);
    }
    return;
  }
  expect(actual).toEqual(seed);
}
