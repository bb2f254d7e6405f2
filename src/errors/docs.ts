import { buildErrorBody, type ErrorSpec } from './build.ts';
import { CATALOG, type CatalogEntry, type ErrorScope, type ErrorVariant } from './catalog/index.ts';
import { LANGUAGES } from './translate.ts';

/** Where the generated reference lives, and the command that rewrites it. */
export const ERRORS_DOC_URL = new URL('../../docs/errors.md', import.meta.url);
export const WRITE_DOCS_COMMAND = 'npx tsx src/errors/write-docs.ts';

const SCOPES: Record<ErrorScope, string> = {
  request: 'request: the whole request is refused; the response body is this error',
  network: 'network: one entry of `errors[]`, with `platform`',
  warning: 'warning: an entry of `warnings[]` in a successful response (HTTP 200)',
  analytics: 'analytics: inside the analytics response for that network',
};

const ORIGINS: Record<CatalogEntry['origin'], string> = {
  seed: 'seed (Ayrshare’s published error model, reproduced exactly)',
  ayrshare: 'ayrshare (an Ayrshare code number, Herald’s wording)',
  herald: 'herald (Herald’s own code)',
};

/** The spec the docs (and tests) use to show a variant: every parameter at its sample value. */
export function sampleSpec(entry: CatalogEntry, variantName: string): ErrorSpec {
  const variant = entry.variants[variantName];
  const params = Object.fromEntries(Object.entries(variant?.params ?? {}).map(([k, p]) => [k, p.sample]));
  const platform = entry.scope === 'network' ? entry.platforms?.[0] : undefined;
  return {
    code: entry.code,
    ...(variantName === 'default' ? {} : { variant: variantName }),
    ...(platform ? { platform } : {}),
    ...(Object.keys(params).length > 0 ? { params } : {}),
  };
}

/**
 * Each section opens with `<a id="<code>"></a>` so `docs/errors.md#<code>` (the link
 * GET /api/errors gives) stays valid whatever the title says.
 */
export function codeHeading(entry: CatalogEntry): string {
  return `${entry.code} — ${entry.title}`;
}

function inlineCode(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function json(value: unknown): string {
  return ['```json', JSON.stringify(value, null, 2), '```'].join('\n');
}

function flagsOf(variant: ErrorVariant): string[] {
  const flags: string[] = [];
  if (variant.action) flags.push(`action ${inlineCode(JSON.stringify(variant.action))}`);
  if (variant.retryAvailable) flags.push('`retryAvailable: true`');
  if (variant.relink) flags.push('`relink: true`');
  if (variant.resolution) flags.push(`resolution ${inlineCode(JSON.stringify(variant.resolution))}`);
  if (variant.source) flags.push(`source ${inlineCode(JSON.stringify(variant.source))}`);
  if (variant.details) flags.push(`details ${inlineCode(variant.details)}`);
  return flags;
}

function flagsCell(entry: CatalogEntry): string {
  const variants = Object.entries(entry.variants);
  if (variants.length === 1) return flagsOf(entry.variants.default).join(', ') || 'none';
  return variants.map(([name, v]) => `${inlineCode(name)}: ${flagsOf(v).join(', ') || 'none'}`).join('; ');
}

function renderVariant(entry: CatalogEntry, name: string, variant: ErrorVariant): string[] {
  const lines = [`**Variant ${inlineCode(name)}**`, '', `- message: ${inlineCode(variant.message)}`];
  for (const [param, p] of Object.entries(variant.params ?? {})) {
    lines.push(`- ${inlineCode(`{${param}}`)}: ${p.meaning} (sample ${inlineCode(p.sample)})`);
  }
  if (variant.message.includes('{platform}') && !variant.params?.platform) {
    lines.push('- `{platform}`: the network’s id, as in the `platform` field');
  }
  lines.push('', json(buildErrorBody(sampleSpec(entry, name))), '');
  return lines;
}

function renderEntry(entry: CatalogEntry): string[] {
  const lines = [
    `<a id="${entry.code}"></a>`,
    '',
    `## ${codeHeading(entry)}`,
    '',
    '| | |',
    '| --- | --- |',
    `| HTTP status | ${entry.http} |`,
    `| action | ${inlineCode(entry.action)} |`,
    `| scope | ${cell(SCOPES[entry.scope])} |`,
    `| networks | ${entry.platforms ? entry.platforms.join(', ') : 'any (not tied to a network)'} |`,
    `| flags | ${cell(flagsCell(entry))} |`,
    `| origin | ${ORIGINS[entry.origin]} |`,
    '',
  ];
  for (const [name, variant] of Object.entries(entry.variants)) {
    lines.push(...renderVariant(entry, name, variant));
  }
  lines.push(`**Remedy:** ${entry.remedy}`, '');
  return lines;
}

function renderIndex(): string[] {
  const rows = CATALOG.map((e) => `| [${e.code}](#${e.code}) | ${cell(e.title)} | ${e.http} | ${e.scope} |`);
  return ['## Index', '', '| code | title | HTTP | scope |', '| --- | --- | --- | --- |', ...rows, ''];
}

function renderIntro(): string[] {
  const requestExample = buildErrorBody({ code: 604, params: { problem: 'post must be a string' } });
  const networkExample = {
    status: 'error',
    errors: [
      buildErrorBody({ code: 110, platform: 'twitter' }),
      buildErrorBody({ code: 107, platform: 'facebook' }),
    ],
    postIds: [],
    id: '6APU4qqI7XO7JM3BOy6B',
    post: 'Today is a great day',
  };
  const partialExample = {
    status: 'error',
    errors: [
      buildErrorBody({ code: 441, platform: 'twitter', params: { cause: 'Link shortener unavailable' } }),
    ],
    postIds: [{ status: 'success', id: 'at://did:plc:abc/app.bsky.feed.post/3k', platform: 'bluesky' }],
    id: 'Jxe2nMM3FmEvMXFSY3g4',
    post: 'Read this https://example.com',
  };
  const upstream = { code: 451, platform: 'linkedin', details: 'HTTP 403 from origin' } as const;
  return [
    '# Error codes',
    '',
    `<!-- Generated from src/errors/catalog by ${WRITE_DOCS_COMMAND}. Do not edit by hand: change the catalog and run the script. -->`,
    '',
    'Herald reports errors in the error model of the Ayrshare API: same codes, same messages, same',
    'HTTP statuses and the same extra fields, so an integration written against Ayrshare can read',
    'them unchanged. Codes 6xx are Herald’s own. Every code below comes from one catalog',
    '(`src/errors/catalog/`); this page is generated from it and a test fails when they differ.',
    '',
    '## Envelopes',
    '',
    '**Request-level errors** refuse the whole request before any network is tried (authentication,',
    'malformed body, unknown endpoint, shutdown). The response body is the error itself, with the',
    'HTTP status of its code:',
    '',
    json(requestExample),
    '',
    '**Per-network errors** come from `POST /api/post` (and the other calls that act on several',
    'networks). The top-level `status` is `"error"` as soon as one network failed; `errors[]` holds',
    'one entry per failed network, each with its `platform`; `postIds[]` holds the networks that',
    'succeeded:',
    '',
    json(networkExample),
    '',
    '**Partial success.** When some networks succeed and others fail, the response has',
    '`status: "error"` and a non-empty `postIds[]`. Treat `status` and `errors[]` as complementary:',
    'the networks in `postIds[]` are published. Never resubmit the whole request (that would post',
    'twice on the networks that succeeded): retry only the failed networks with',
    '`PUT /api/post/retry`, which never re-sends a network that succeeded.',
    '',
    json(partialExample),
    '',
    '**HTTP status.** 200 when every network succeeded (warnings such as code 307 do not count as',
    'failures). When networks failed, the status is computed from their codes: if every failed',
    'network’s code has the same HTTP status, the response has that status (two 429 codes answer',
    '429); if they differ, the response is 400 (a 504 from code 453 next to a 503 from code 454',
    'answers 400). A request-level error answers with the HTTP status of its code.',
    '',
    '## Fields and flags',
    '',
    '- `action`: the kind of operation that failed (`post`, `rate limit`, `image conversion`, ...).',
    '- `code`: the catalog code, stable across versions; branch on it, never on `message`.',
    '- `message`: human-readable, translatable (see below). Its English text is contract.',
    '- `details`: the network’s own words or Herald’s diagnosis (for example `Retry-After: 3600`).',
    '  It is **never translated**.',
    '- `retryAvailable: true`: the failure is transient; the same payload can be retried',
    '  (`PUT /api/post/retry`). Branch on this field, not on the HTTP status.',
    '- `relink: true`: the network no longer accepts the stored authorization; the user must unlink',
    '  and relink the account before a retry can succeed.',
    '- `resolution`: a machine-readable next step: `{"relink": true, "platform": ...}` or',
    '  `{"docs": <url>}`.',
    '- `source`: the stage that produced the error (`handlePostAdditions` is caption enhancement).',
    '',
    '## Translated messages',
    '',
    'Send `Translate-Error-Message: <language>` to receive `message` in one of these languages:',
    `${LANGUAGES.map((l) => inlineCode(l)).join(', ')}. Region tags are accepted (\`pt-BR\` answers in`,
    '`pt`); an unknown language answers in English. Only `message` is translated: `details`, which',
    'carries upstream text, is always returned as received. With `Translate-Error-Message: fr`:',
    '',
    json(buildErrorBody(upstream, 'fr')),
    '',
    '## Machine-readable catalog',
    '',
    '`GET /api/errors` returns this catalog as JSON: every code with its HTTP status, action, scope,',
    'networks, message variants, flags and remedy.',
    '',
  ];
}

/** The whole of docs/errors.md, generated from the catalog. */
export function renderErrorsDoc(): string {
  const lines = [...renderIntro(), ...renderIndex()];
  for (const entry of CATALOG) lines.push(...renderEntry(entry));
  return `${lines.join('\n').trimEnd()}\n`;
}
