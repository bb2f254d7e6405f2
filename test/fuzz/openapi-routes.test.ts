import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Resolver } from '../../src/media/url-decision.ts';
import { catalogAnswerProblems } from '../helpers/catalog-form.ts';
import { API_KEY, linkSandbox, startTestHerald, type TestHerald } from '../helpers/herald.ts';
import { type Fingerprint, stateFingerprint } from '../helpers/state-fingerprint.ts';

/**
 * Issue 10, the fuzz: every operation of /openapi.json driven by fast-check with bodies,
 * query strings, headers and path parameters that mix what the schema declares with
 * what it never expects (NUL and control characters, lone surrogates, huge strings,
 * wrong types, broken %-escapes, bodies that are not JSON). Three properties per case:
 * no 5xx; every refusal a catalog body with the catalog's HTTP status; a refused request
 * changes nothing (row count and newest row version of every table, before and after).
 *
 * FUZZ_RUNS sets the number of cases (default 2,500, 30 to 60 s here; the documented
 * long run is 100,000: docs/security-suite.md), FUZZ_SEED replays a run. The suite runs one
 * fixed seed, so a red CI is a change's doing and replays as is; `FUZZ_SEED=random` (the long
 * runs) explores new cases, and a seed it fails on is printed.
 */

/** An answer of the MCP transport in its own protocol's form (a JSON-RPC error object). */
function isJsonRpcAnswer(path: string, body: unknown): boolean {
  return path === '/mcp' && (body as { jsonrpc?: unknown } | null)?.jsonrpc === '2.0';
}

const RUNS = Number(process.env.FUZZ_RUNS ?? 2500);
const SEED = process.env.FUZZ_SEED === 'random' ? undefined : Number(process.env.FUZZ_SEED ?? 20261205);

type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
}

interface Operation {
  method: Method;
  path: string;
  pathParams: string[];
  query: Record<string, JsonSchema>;
  body?: JsonSchema;
}

/** A name no resolver knows: no fuzz case waits on DNS or reaches a network. */
const nowhere: Resolver = async (name) => {
  throw Object.assign(new Error(`ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
};

let t: TestHerald;
const operations: Operation[] = [];
beforeAll(async () => {
  // The API alone: nothing but the request under test writes to the database.
  t = await startTestHerald({ role: 'api', resolve: nowhere, env: { HERALD_POST_WAIT_MS: '0' } });
  await linkSandbox(t, ['facebook', 'bluesky', 'telegram', 'mastodon']);
  const spec = (await t.herald.server!.inject({ method: 'GET', url: '/openapi.json' })).json() as {
    paths: Record<
      string,
      Record<
        string,
        {
          parameters?: { in: string; name: string; schema: JsonSchema }[];
          requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
        }
      >
    >;
  };
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const parameters = op.parameters ?? [];
      operations.push({
        method: method.toUpperCase() as Method,
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: Object.fromEntries(parameters.filter((p) => p.in === 'query').map((p) => [p.name, p.schema])),
        ...(op.requestBody?.content?.['application/json']?.schema
          ? { body: op.requestBody.content['application/json'].schema }
          : {}),
      });
    }
  }
}, 120_000);
afterAll(() => t?.stop());

// ---- values -------------------------------------------------------------------------

const NASTY_TEXT = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0001\u0002\u001f\u007f',
  '\r\n',
  '\t',
  '\uD800',
  'x\uDFFFy',
  '\uFEFF',
  '\u202E',
  '🙂'.repeat(50),
  '%00',
  '%zz',
  '../../etc/passwd',
  "' OR 1=1 --",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text of a log4j probe, not a template.
  '${jndi:ldap://x}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  'http://169.254.169.254/',
  'NaN',
  '-1',
  '1e309',
  '9'.repeat(40),
  '2026-13-45T25:61:61Z',
];

const text = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_TEXT) },
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('a', '\u0000', 'é', '🙂', '\u0007'), fc.integer({ min: 1_000, max: 200_000 }))
      .map(([char, n]) => char.repeat(n)),
  },
);

const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -0, 1e308),
  fc.array(text, { maxLength: 3 }),
  fc.dictionary(text, text, { maxKeys: 3 }),
  fc.constant({ __proto__: { polluted: true } }),
  fc.constant([[[[[[]]]]]]),
);

/** Something the schema declares, or not: one value per type, enums and consts included. */
function valueFor(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const declared: fc.Arbitrary<unknown>[] = [];
  if (schema?.enum) declared.push(fc.constantFrom(...schema.enum));
  if (schema?.const !== undefined) declared.push(fc.constant(schema.const));
  for (const alternative of schema?.anyOf ?? [])
    if (depth < 3) declared.push(valueFor(alternative, depth + 1));
  const types = Array.isArray(schema?.type) ? schema.type : schema?.type ? [schema.type] : [];
  for (const type of types) {
    if (type === 'string') declared.push(text);
    if (type === 'number' || type === 'integer') declared.push(fc.oneof(fc.integer(), fc.double()));
    if (type === 'boolean') declared.push(fc.boolean());
    if (type === 'array' && depth < 3)
      declared.push(fc.array(valueFor(schema?.items, depth + 1), { maxLength: 4 }));
    if (type === 'object' && depth < 3) declared.push(objectFor(schema ?? {}, depth + 1));
  }
  if (declared.length === 0) return wrongType;
  return fc.oneof({ weight: 4, arbitrary: fc.oneof(...declared) }, { weight: 1, arbitrary: wrongType });
}

function objectFor(schema: JsonSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  // profileKey names a profile: an unknown one is refused (602) before anything else, so
  // it is sent now and then (the authorization matrix covers it), not in every other case.
  const properties = Object.entries(schema.properties ?? {}).filter(([name]) => name !== 'profileKey');
  // What the schema requires is there 9 times in 10, so cases get past validation to the handler.
  const required = new Set(schema.required ?? []);
  const always = properties.filter(([name]) => required.has(name));
  const optional = properties.filter(([name]) => !required.has(name));
  const known = fc
    .tuple(
      fc.boolean().chain((drop) => fc.subarray(always, { minLength: drop ? 0 : always.length })),
      fc.subarray(optional, { maxLength: Math.min(4, optional.length) }),
      fc.integer({ min: 0, max: 9 }),
    )
    .chain(([must, may, dice]) =>
      fc.record(
        Object.fromEntries(
          [...(dice === 0 ? [] : must), ...may].map(([name, s]) => [name, valueFor(s, depth)]),
        ),
      ),
    );
  // Now and then a field nobody declared (631), or a name PostgreSQL cannot store.
  const extra = sometimes(
    fc.dictionary(fc.oneof(text, fc.constant('a\u0000'), fc.constant('profileKey')), text, { maxKeys: 2 }),
    5,
  );
  return fc.tuple(known, extra).map(([k, e]) => ({ ...(e ?? {}), ...k }));
}

// ---- requests -----------------------------------------------------------------------

interface Case {
  method: Method;
  /** The operation's path template, as /openapi.json names it. */
  path: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

/** %-escaped as a client would (a lone surrogate cannot be: it is sent as %EF%BF%BD, U+FFFD). */
const escaped = (s: string) =>
  encodeURIComponent(
    s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'),
  );

const escapeOrNot = fc.oneof(
  { weight: 4, arbitrary: text.map(escaped) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('%', '%zz', '%00', '%C0%AF', '%uD800', 'a'.repeat(150), '..', '%2e%2e'),
  },
);

function pathOf(op: Operation): fc.Arbitrary<string> {
  if (op.pathParams.length === 0) return fc.constant(op.path);
  return fc
    .tuple(...op.pathParams.map(() => escapeOrNot))
    .map((values) =>
      op.pathParams.reduce((path, name, i) => path.replace(`{${name}}`, values[i] || 'x'), op.path),
    );
}

function queryOf(op: Operation): fc.Arbitrary<string> {
  const names = Object.keys(op.query).filter((name) => name !== 'profileKey');
  const pair = fc.tuple(
    fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...(names.length ? names : ['q'])) },
      { weight: 1, arbitrary: fc.oneof(text.map(escaped), fc.constant('profileKey')) },
    ),
    fc.oneof(escapeOrNot, fc.constant('')),
    fc.boolean(),
  );
  return fc
    .array(pair, { maxLength: 4 })
    .map((pairs) =>
      pairs.length === 0
        ? ''
        : `?${pairs.map(([k, v, indexed]) => (indexed ? `${k}[0]=${v}` : `${k}=${v}`)).join('&')}`,
    );
}

/** Header values light-my-request can send (visible Latin-1): Node's parser refusals are tested on a socket. */
const headerText = text.map((s) => s.replace(/[^\x20-\x7e\xa0-\xff]/g, '').slice(0, 4000));

/** Now and then (1 in `freq`) a header, else none. */
const sometimes = <T>(arb: fc.Arbitrary<T>, freq: number) =>
  fc.oneof({ weight: freq - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

const headersArb = fc.record({
  authorization: fc.oneof(
    { weight: 12, arbitrary: fc.constant(`Bearer ${API_KEY}`) },
    { weight: 1, arbitrary: headerText.map((s) => `Bearer ${s}`) },
    { weight: 1, arbitrary: fc.option(headerText, { nil: undefined }) },
  ),
  'profile-key': sometimes(headerText, 10),
  'content-type': sometimes(
    fc.constantFrom(
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=utf-16',
    ),
    4,
  ),
  'idempotency-key': sometimes(headerText, 6),
  'translate-error-message': sometimes(fc.constantFrom('fr', 'ja', 'xx', ''), 8),
  'x-twitter-oauth1-api-key': sometimes(headerText, 8),
});

function payloadOf(op: Operation): fc.Arbitrary<string | undefined> {
  const asJson = (value: unknown) => JSON.stringify(value);
  return fc.oneof(
    { weight: 6, arbitrary: op.body ? objectFor(op.body, 0).map(asJson) : fc.constant(undefined) },
    { weight: 1, arbitrary: fc.jsonValue().map(asJson) },
    { weight: 1, arbitrary: wrongType.map(asJson) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '{',
        '{"post":',
        'null',
        '',
        '[]',
        '{"a":1}{',
        '\u0000',
        `{"post":"${'x'.repeat(2_000_000)}"}`,
        `${'['.repeat(5000)}${']'.repeat(5000)}`,
      ),
    },
  );
}

const perOperation = new Map<Operation, fc.Arbitrary<Case>>();
function caseOf(op: Operation): fc.Arbitrary<Case> {
  const known = perOperation.get(op);
  if (known) return known;
  const built = fc
    .tuple(pathOf(op), queryOf(op), headersArb, op.method === 'GET' ? fc.constant(undefined) : payloadOf(op))
    .map(([path, query, headers, payload]) => ({
      method: op.method,
      path: op.path,
      url: `${path}${query}`,
      // A body is JSON unless the case says otherwise (then 604: send it as application/json).
      headers: Object.fromEntries(
        Object.entries({
          ...headers,
          'content-type': headers['content-type'] ?? (payload === undefined ? undefined : 'application/json'),
        }).filter(([, v]) => v !== undefined),
      ) as Record<string, string>,
      ...(payload === undefined ? {} : { payload }),
    }));
  perOperation.set(op, built);
  return built;
}

const caseArb: fc.Arbitrary<Case> = fc
  .integer({ min: 0, max: 10_000 })
  .chain((i) => caseOf(operations[i % operations.length] as Operation));

// ---- the properties -----------------------------------------------------------------

function changed(before: Fingerprint, after: Fingerprint): string[] {
  return Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
}

describe('fuzz over every operation of /openapi.json', () => {
  it(
    `${RUNS} cases: no 5xx, every refusal in catalog form, a refused request changes nothing`,
    async () => {
      expect(operations.length).toBeGreaterThan(40);
      let state = await stateFingerprint(t.herald.app.pool);
      const seen = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(caseArb, async (c) => {
          const res = await t.herald.server!.inject({
            method: c.method,
            url: c.url,
            headers: c.headers,
            ...(c.payload === undefined ? {} : { payload: c.payload }),
          });
          seen.set(res.statusCode, (seen.get(res.statusCode) ?? 0) + 1);
          const after = await stateFingerprint(t.herald.app.pool);
          const before = state;
          state = after;
          expect(res.statusCode, `${c.method} ${c.url}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
          if (res.statusCode < 400) return;
          // A HEAD answer has no body (HTTP); the hosted linking pages answer HTML for a browser.
          // Both are held to no 5xx above, not to the catalog's JSON form.
          if (c.method === 'HEAD' || c.path.startsWith('/connect')) return;
          let body: unknown;
          try {
            body = JSON.parse(res.body);
          } catch {
            body = res.body;
          }
          // The MCP transport answers a well-formed JSON-RPC message's protocol errors as the
          // MCP spec requires (a JSON-RPC error object, e.g. 406 without the Accept it asks for).
          if (isJsonRpcAnswer(c.path, body)) return;
          // A translated message is checked for its form, not its English words.
          const english = c.headers['translate-error-message'] === undefined;
          expect(catalogAnswerProblems(res.statusCode, body, english), `${c.method} ${c.url}`).toEqual([]);
          // A refusal (a body with a code; an envelope of per-network results is an answer).
          if (typeof (body as { code?: unknown }).code === 'number')
            expect(changed(before, after), `${c.method} ${c.url} → ${res.statusCode}`).toEqual([]);
        }),
        { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }), endOnFailure: false },
      );
      // The fuzz got past the gate: some cases were accepted, many refused in many ways.
      expect([...seen.keys()].filter((s) => s < 300).length).toBeGreaterThan(0);
      expect([...seen.keys()].filter((s) => s >= 400).length).toBeGreaterThan(4);
    },
    RUNS * 200 + 60_000,
  );
});
