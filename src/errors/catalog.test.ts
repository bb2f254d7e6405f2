import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonExamples } from '../../test/helpers/seed-json.ts';
import { isPlatform } from '../platforms.ts';
import { buildErrorBody, type ErrorSpec } from './build.ts';
import { CATALOG, type CatalogEntry, catalogEntry } from './catalog/index.ts';
import { codeHeading, ERRORS_DOC_URL, renderErrorsDoc, WRITE_DOCS_COMMAND } from './docs.ts';

/**
 * Binds the catalog to docs/errors.md and to the seeds (the error contract), the way
 * fastify's test/internals/errors.test.js binds its errors to its docs.
 */

const ROOT = new URL('../../', import.meta.url);
/** Copies of shared/seeds, so the repository tests itself on its own. */
const FIXTURES = new URL('test/fixtures/seeds/', ROOT);
/** The originals, present only in the workspace the project is built in. */
const SHARED = new URL('../shared/seeds/', ROOT);

const SEED_FILES = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.txt'))
  .sort();
const seedText = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');
const SEED_000 = seedText('000_944d6061da969a1d.txt');
const SEED_002 = seedText('002_ebd649568f334a82.txt');

type Json = null | boolean | number | string | Json[] | JsonObject;
interface JsonObject {
  [key: string]: Json;
}

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface FoundBody {
  path: string;
  body: JsonObject;
}

/** Every object of an example that carries a numeric `code` and a string `message`, with its path. */
function errorBodies(value: Json, path = ''): FoundBody[] {
  const found: FoundBody[] = [];
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      found.push(...errorBodies(item, `${path}[${i}]`));
    });
  } else if (isObject(value)) {
    if (typeof value.code === 'number' && typeof value.message === 'string')
      found.push({ path, body: value });
    for (const [key, child] of Object.entries(value)) {
      found.push(...errorBodies(child, path ? `${path}.${key}` : key));
    }
  }
  return found;
}

/** The parameter values that turn `template` into `text`, or undefined when it does not fit. */
function templateParams(template: string, text: string): Record<string, string> | undefined {
  const names: string[] = [];
  const source = template
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(name);
      return '(.+?)';
    })
    .join('');
  const match = new RegExp(`^${source}$`, 's').exec(text);
  if (!match) return undefined;
  const params: Record<string, string> = {};
  for (const [i, name] of names.entries()) {
    const value = match[i + 1] ?? '';
    if (params[name] !== undefined && params[name] !== value) return undefined;
    params[name] = value;
  }
  return params;
}

/** Every error code a seed names: JSON examples, `Code NNN` headings, and prose such as `code: 176`. */
function seedCodes(text: string): Set<number> {
  const codes = new Set<number>();
  const add = (list: string) => {
    for (const n of list.match(/\d{3}/g) ?? []) codes.add(Number(n));
  };
  for (const m of text.matchAll(/"(?:code|httpErrorCode)":\s*(\d+)/g)) add(m[1] ?? '');
  for (const m of text.matchAll(/\bCode (\d{3})\s+[—–-]\s/g)) add(m[1] ?? '');
  // Prose: "code: 435", "code 419", "codes 440 / 138 / 379", "Error 440", "Instagram Error 138".
  // HTTP statuses ("status code 200", "HTTP error code 403") are not error codes.
  const prose = /(?<!status |HTTP error )\b(?:codes?:?|error) (\d{3}(?:\s*(?:\/|,|or|and)\s*\d{3})*)\b/gi;
  for (const m of text.matchAll(prose)) add(m[1] ?? '');
  return codes;
}

interface SeedExample {
  code: number;
  /** Where the error body sits in the example; '' is the example itself. */
  path: string;
  /** The catalog variant that must reproduce it. */
  variant: string;
  /** Keys the envelope or the caller adds around the body; buildErrorBody never writes them. */
  context?: readonly string[];
  /** A `warnings[]` entry: rendered by the envelope, so only code, message and details are compared. */
  warning?: true;
}

/**
 * Every error body of seed 002, in page order. The test first checks that the parser
 * finds exactly these (so an example can be neither skipped nor misread), then that
 * buildErrorBody reproduces each one. Not compared: `{ "retryAvailable": true }` (no
 * code) and the 441 example's `postIds[0]` (a success entry).
 */
const SEED_002_EXAMPLES: readonly SeedExample[] = [
  // Intro: duplicates on X and Facebook. The 110 entry echoes the post text in `post`.
  { code: 110, path: 'errors[0]', variant: 'default', context: ['post'] },
  { code: 107, path: 'errors[1]', variant: 'default' },
  { code: 161, path: 'errors[0]', variant: 'default' },
  { code: 138, path: 'errors[0]', variant: 'aspectRatio' },
  { code: 435, path: 'errors[0]', variant: 'default' },
  { code: 436, path: 'errors[0]', variant: 'default' },
  { code: 447, path: 'errors[0]', variant: 'default' },
  { code: 448, path: 'errors[0]', variant: 'default' },
  { code: 449, path: 'errors[0]', variant: 'default' },
  { code: 258, path: 'errors[0]', variant: 'default' },
  { code: 258, path: 'errors[0]', variant: 'relink' },
  { code: 272, path: '', variant: 'default' },
  { code: 272, path: '', variant: 'analytics' },
  { code: 416, path: '', variant: 'default' },
  { code: 417, path: '', variant: 'default' },
  { code: 419, path: '', variant: 'default' },
  { code: 419, path: '', variant: 'missingSecret' },
  { code: 423, path: '', variant: 'default' },
  // Partial failure: `<underlying error>` is matched as the {cause} parameter.
  { code: 441, path: 'errors[0]', variant: 'default' },
  // Total failure: a top-level 441 whose errors[] the envelope fills.
  { code: 441, path: '', variant: 'total', context: ['errors'] },
  { code: 441, path: 'errors[0]', variant: 'totalItem' },
  { code: 440, path: 'errors[0]', variant: 'default' },
  { code: 138, path: 'errors[0]', variant: 'mediaFetch' },
  { code: 379, path: 'errors[0]', variant: 'default' },
  // Analytics: pageId and id identify the post. errCode (Meta's 80001) is seed contract that
  // ErrorSpec cannot carry yet: the analytics route has to add it.
  { code: 444, path: 'facebook', variant: 'default', context: ['errCode', 'pageId', 'id'] },
  { code: 326, path: 'errors[0]', variant: 'default' },
  { code: 450, path: 'errors[0]', variant: 'default' },
  { code: 451, path: 'errors[0]', variant: 'default' },
  { code: 452, path: 'errors[0]', variant: 'default' },
  { code: 453, path: 'errors[0]', variant: 'default' },
  { code: 454, path: 'errors[0]', variant: 'default' },
  // The legacy thumbnail sub-object is a full body; the warnings[] entry is the envelope's.
  { code: 307, path: 'thumbnail', variant: 'default' },
  { code: 307, path: 'warnings[0]', variant: 'default', context: ['feature'], warning: true },
  { code: 442, path: 'errors[0]', variant: 'default' },
  { code: 443, path: 'errors[0]', variant: 'default' },
  { code: 438, path: 'errors[0]', variant: 'default' },
  { code: 475, path: '', variant: 'default' },
  { code: 288, path: 'errors[0]', variant: 'default' },
];

/** Seed 000 repeats three examples of 002 (the crawler page). */
const SEED_000_EXAMPLES: readonly SeedExample[] = [
  { code: 440, path: 'errors[0]', variant: 'default' },
  { code: 138, path: 'errors[0]', variant: 'mediaFetch' },
  { code: 379, path: 'errors[0]', variant: 'default' },
];

/** Body keys buildErrorBody can write; the flags among them must match the seed exactly. */
const BODY_KEYS = [
  'action',
  'status',
  'code',
  'message',
  'details',
  'retryAvailable',
  'relink',
  'resolution',
  'source',
  'platform',
] as const;

/** The spec that should reproduce a seed body: parameters read back from its message and details. */
function specFor(example: SeedExample, body: JsonObject): ErrorSpec {
  const variant = catalogEntry(example.code).variants[example.variant];
  if (!variant) throw new Error(`code ${example.code} has no variant ${example.variant}`);
  const message = normalise(String(body.message));
  const fromMessage = templateParams(variant.message, message);
  if (!fromMessage) throw new Error(`message does not fit ${example.code}.${example.variant}: ${message}`);
  const platform = body.platform;
  if (platform !== undefined && !isPlatform(platform))
    throw new Error(`unknown platform ${String(platform)}`);
  const { platform: platformInMessage, ...params } = fromMessage;
  if (platformInMessage !== undefined && !variant.params?.platform) {
    expect(platformInMessage, '{platform} in the message is the body’s platform').toBe(platform);
  } else if (platformInMessage !== undefined) {
    params.platform = platformInMessage;
  }
  let details: string | undefined;
  if (typeof body.details === 'string') {
    const fromDetails = variant.details ? templateParams(variant.details, body.details) : undefined;
    if (variant.details && !fromDetails) throw new Error(`details do not fit ${variant.details}`);
    if (fromDetails) Object.assign(params, fromDetails);
    else details = body.details;
  }
  return {
    code: example.code,
    ...(example.variant === 'default' ? {} : { variant: example.variant }),
    ...(platform !== undefined ? { platform } : {}),
    ...(Object.keys(params).length > 0 ? { params } : {}),
    ...(details !== undefined ? { details } : {}),
  };
}

function expectReproduced(example: SeedExample, body: JsonObject) {
  const built = buildErrorBody(specFor(example, body));
  const seed: JsonObject = { ...body, message: normalise(String(body.message)) };
  const context = new Set(example.context ?? []);
  if (example.warning) {
    for (const key of ['code', 'message', 'details'] as const) expect(built[key], key).toEqual(seed[key]);
    expect(Object.keys(seed).filter((k) => !context.has(k))).toEqual(
      ['code', 'message', 'details'].filter((k) => k in seed),
    );
    return;
  }
  for (const key of BODY_KEYS) expect(built[key], `${key} of ${example.code}`).toEqual(seed[key]);
  const seedKeys = Object.keys(seed).filter((k) => !context.has(k));
  expect(Object.keys(built).sort(), 'the same keys').toEqual([...seedKeys].sort());
  expect(Object.keys(built), 'the seed’s key order').toEqual(seedKeys);
}

function describeExamples(name: string, text: string, expected: readonly SeedExample[]) {
  describe(`seed ${name} examples`, () => {
    const found = (jsonExamples(text) as Json[]).flatMap((example) => errorBodies(example));

    it('the parser finds exactly the listed error bodies', () => {
      expect(found.map((f) => `${f.body.code} @ ${f.path || '(root)'}`)).toEqual(
        expected.map((e) => `${e.code} @ ${e.path || '(root)'}`),
      );
    });

    it.each(
      expected.map(
        (example, i) => [`${example.code}.${example.variant} @ ${example.path || '(root)'}`, i] as const,
      ),
    )('%s is what buildErrorBody writes', (_label, i) => {
      const example = expected[i];
      const body = found[i]?.body;
      if (!example || !body) throw new Error('example not found');
      expectReproduced(example, body);
    });
  });
}

describe('seed fixtures', () => {
  it('holds the three seed pages', () => {
    expect(SEED_FILES).toEqual([
      '000_944d6061da969a1d.txt',
      '001_06a6b046d56bef2f.txt',
      '002_ebd649568f334a82.txt',
    ]);
  });

  it.skipIf(!existsSync(SHARED))('are byte-identical to ../shared/seeds beside the repository', () => {
    const originals = readdirSync(SHARED)
      .filter((name) => name.endsWith('.txt'))
      .sort();
    expect(SEED_FILES).toEqual(originals);
    for (const name of originals) {
      const copy = readFileSync(new URL(name, FIXTURES));
      expect(copy.equals(readFileSync(new URL(name, SHARED))), `${name} differs from shared/seeds`).toBe(
        true,
      );
    }
  });
});

describe('every code in the seeds is in the catalog', () => {
  const catalogCodes = new Set(CATALOG.map((e) => e.code));

  it.each(SEED_FILES)('%s', (name) => {
    const missing = [...seedCodes(seedText(name))].filter((code) => !catalogCodes.has(code));
    expect(missing).toEqual([]);
  });

  it('the extraction finds every code the pages name', () => {
    const all = new Set(SEED_FILES.flatMap((name) => [...seedCodes(seedText(name))]));
    expect([...all].sort((a, b) => a - b)).toEqual([
      107, 110, 138, 161, 176, 258, 272, 288, 307, 326, 331, 379, 416, 417, 419, 423, 435, 436, 438, 440, 441,
      442, 443, 444, 447, 448, 449, 450, 451, 452, 453, 454, 475,
    ]);
  });

  it('a code is marked origin "seed" exactly when the seeds name it', () => {
    const all = new Set(SEED_FILES.flatMap((name) => [...seedCodes(seedText(name))]));
    const marked = CATALOG.filter((e) => e.origin === 'seed').map((e) => e.code);
    expect(marked).toEqual([...all].sort((a, b) => a - b));
  });
});

describe('HTTP statuses stated by seed 002', () => {
  const headings = [...SEED_002.matchAll(/\bCode (\d{3}) [—–-] (.+?) \(HTTP (\d{3})\)/g)].map((m) => ({
    code: Number(m[1]),
    title: m[2] ?? '',
    http: Number(m[3]),
  }));

  it('finds every "Code NNN — Title (HTTP nnn)" heading', () => {
    expect(headings.map((h) => h.code)).toEqual([
      435, 436, 447, 448, 449, 258, 272, 416, 417, 419, 423, 441, 440, 138, 444, 326, 450, 451, 452, 453, 454,
      442, 443, 438, 475, 288,
    ]);
  });

  it.each(headings)('$code ($title) answers HTTP $http', ({ code, http }) => {
    expect(catalogEntry(code).http).toBe(http);
  });

  // Statuses the page states in prose rather than in a heading.
  it.each([
    { code: 161, http: 400, quote: 'the following response would occur when posting with a 400 Bad Request' },
    { code: 138, http: 400, quote: 'wrong dimensions or ratio with a 400 Bad Request response code' },
    { code: 331, http: 500, quote: 'genuine processing failure on the provider side (HTTP 500' },
    { code: 176, http: 500, quote: 'If your integration filters on HTTP 500 to retry YouTube uploads' },
    { code: 307, http: 200, quote: 'a non-fatal warnings entry (top-level status stays "success")' },
  ])('$code answers HTTP $http', ({ code, http, quote }) => {
    expect(normalise(SEED_002)).toContain(quote);
    expect(catalogEntry(code).http).toBe(http);
  });

  it('331 has the message the page quotes', () => {
    const quoted = /Code 331 covers[^“]*“([^”]+)”/.exec(SEED_002)?.[1];
    expect(catalogEntry(331).variants.default.message).toBe(quoted);
  });
});

describeExamples('002', SEED_002, SEED_002_EXAMPLES);
describeExamples('000', SEED_000, SEED_000_EXAMPLES);

describe('docs/errors.md', () => {
  const doc = readFileSync(ERRORS_DOC_URL, 'utf8');

  it('is exactly what the catalog renders', () => {
    expect(doc, `docs/errors.md is out of date: run ${WRITE_DOCS_COMMAND}`).toBe(renderErrorsDoc());
  });

  it('has one "## <code> — <title>" heading per catalog code', () => {
    const headings = doc.split('\n').filter((line) => /^## \d+ /.test(line));
    expect(headings).toEqual(CATALOG.map((e) => `## ${codeHeading(e)}`));
  });

  it('gives each code the anchor GET /api/errors links to (docs/errors.md#<code>)', () => {
    const anchors = [...doc.matchAll(/^<a id="(\d+)"><\/a>\n\n## (\d+) /gm)];
    expect(anchors.every((m) => m[1] === m[2])).toBe(true);
    expect(anchors.map((m) => Number(m[1]))).toEqual(CATALOG.map((e) => e.code));
  });
});

function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
}

describe('catalog entries', () => {
  it('codes are unique', () => {
    const codes = CATALOG.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it.each(CATALOG.map((e) => [e.code, e] as const))('%i is complete', (_code, entry: CatalogEntry) => {
    expect(entry.title.trim()).not.toBe('');
    expect(entry.remedy.trim()).not.toBe('');
    expect(entry.action.trim()).not.toBe('');
    expect(entry.http).toBeGreaterThanOrEqual(200);
    expect(entry.http).toBeLessThan(600);
    expect(entry.variants.default).toBeDefined();
    if (entry.scope === 'network') expect(entry.platforms?.length ?? 0).toBeGreaterThan(0);
    for (const [name, variant] of Object.entries(entry.variants)) {
      const declared = Object.keys(variant.params ?? {});
      const used = [
        ...placeholdersOf(variant.message),
        ...placeholdersOf(variant.details ?? ''),
        ...Object.values(variant.resolution ?? {}).flatMap((v) =>
          typeof v === 'string' ? placeholdersOf(v) : [],
        ),
      ];
      const undeclared = used.filter((p) => p !== 'platform' && !declared.includes(p));
      expect(undeclared, `${entry.code}.${name} uses undeclared placeholders`).toEqual([]);
      const unused = declared.filter((p) => !used.includes(p));
      expect(unused, `${entry.code}.${name} declares unused params`).toEqual([]);
      for (const key of ['status', 'code', 'message'] as const) {
        if (variant.shape) expect(variant.shape, `${entry.code}.${name} shape`).toContain(key);
      }
    }
  });
});
