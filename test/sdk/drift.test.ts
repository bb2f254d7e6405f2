import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SDK_SPEC, SDK_TYPES, specText, typesOf } from '../../scripts/sdk-types.ts';
import { startTestHerald, type TestHerald } from '../helpers/herald.ts';

let t: TestHerald;
let spec: unknown;
beforeAll(async () => {
  t = await startTestHerald();
  spec = (await t.herald.server!.inject({ method: 'GET', url: '/openapi.json' })).json();
});
afterAll(() => t.stop());

describe('the SDK is generated from the spec Herald serves', () => {
  it('packages/sdk/openapi.json is /openapi.json (run npm run sdk:generate when it is not)', () => {
    expect(readFileSync(SDK_SPEC, 'utf8')).toBe(specText(spec));
  });

  it('the committed types are what openapi-typescript makes of it', async () => {
    expect(readFileSync(SDK_TYPES, 'utf8')).toBe(await typesOf(spec));
  });

  it('fails on drift: a route answering one more field makes other types', async () => {
    const changed = structuredClone(spec) as {
      paths: Record<
        string,
        { get: { responses: { 200: { content: Record<string, { schema: unknown }> } } } }
      >;
    };
    const media = changed.paths['/api/user']!.get.responses[200].content['application/json']!;
    media.schema = { type: 'object', properties: { drifted: { type: 'string' } } };
    expect(await typesOf(changed)).not.toBe(await typesOf(spec));
  });
});
