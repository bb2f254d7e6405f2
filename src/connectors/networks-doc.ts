import { PLATFORMS } from '../platforms.ts';
import { DECLARATIONS, LIVE_CONNECTORS } from './registry.ts';
import { notOfferedFields } from './shared/options.ts';

export const NETWORKS_DOC_URL = new URL('../../docs/networks.md', import.meta.url);
export const WRITE_NETWORKS_DOC_COMMAND = 'npx tsx src/connectors/write-networks-doc.ts';

interface SchemaLike {
  properties?: Record<
    string,
    { type?: string; anyOf?: { const?: unknown; type?: string }[]; maxLength?: number }
  >;
  required?: string[];
}

function optionRows(schema: SchemaLike): string[] {
  const notOffered = notOfferedFields(schema);
  return Object.entries(schema.properties ?? {}).map(([name, prop]) => {
    if (notOffered.includes(name))
      return `| \`${name}\` | not offered: only empty or \`false\` accepted (620 otherwise) |  |`;
    const type =
      prop.type ??
      (prop.anyOf ?? [])
        .map((p) => (p.const !== undefined ? JSON.stringify(p.const) : p.type))
        .filter(Boolean)
        .join(' \\| ');
    const required = schema.required?.includes(name) ? 'yes' : '';
    const limit = prop.maxLength ? ` (≤ ${prop.maxLength})` : '';
    return `| \`${name}\` | ${type || 'any'}${limit} | ${required} |`;
  });
}

/** docs/networks.md, generated from the declarations: credentials, limits and options of every network. */
export function renderNetworksDoc(): string {
  const out = [
    '# Networks',
    '',
    `<!-- Generated from src/connectors/*/declaration.ts by ${WRITE_NETWORKS_DOC_COMMAND}. Do not edit by hand. -->`,
    '',
    'What each network accepts, as Herald checks it before any call, and the credentials',
    '`POST /api/accounts {platform, credentials}` takes for it. Any network can instead be linked',
    'as a sandbox account with `credentials: {"sandbox": true}`.',
    '',
  ];
  for (const id of PLATFORMS) {
    const d = DECLARATIONS[id];
    const live = LIVE_CONNECTORS[id]
      ? 'live connector and sandbox'
      : 'sandbox only (linking real credentials answers 614)';
    out.push(`## ${d.name} (\`${id}\`)`, '', `Status: ${live}.`, '');
    out.push(
      d.text.perPost
        ? `- Text: at most ${d.text.perPost.limit} ${d.text.unit} per post (${d.text.perPost.note}), ${d.text.limit} in all (code 132 beyond).`
        : `- Text: at most ${d.text.limit} ${d.text.unit}${d.text.maxBytes ? ` and ${d.text.maxBytes} bytes` : ''}${d.text.counting ? ` (${d.text.counting.note})` : ''} (code 132 beyond).`,
      `- Media: at most ${d.media.maxImages} image(s), ${d.media.maxVideos} video(s)${d.media.mix ? '' : ', not mixed'}${d.media.requiresMedia ? '; media required' : ''} (code 136 otherwise).`,
      `- Delete published posts through the API: ${d.capabilities.delete ? 'yes' : 'no (code 619)'}.`,
      `- Lost answers reconciled by looking the post up: ${d.capabilities.reconcile ? 'yes' : 'no (the target becomes unconfirmed, code 626)'}.`,
      `- Analytics and history (\`POST /api/analytics/*\`, \`GET /api/history/${id}\`): ${LIVE_CONNECTORS[id]?.analytics ? 'yes' : 'no (code 680)'}.`,
    );
    if (d.dailyBudget) out.push(`- Posting budget: ${d.dailyBudget} posts per account per rolling 24 h.`);
    out.push('', '| credential | secret | required | meaning |', '| --- | --- | --- | --- |');
    for (const c of d.credentials) {
      out.push(
        `| \`${c.name}\` | ${c.secret ? 'yes' : 'no'} | ${c.required ? 'yes' : 'no'} | ${c.description} |`,
      );
    }
    const rows = optionRows(d.optionsSchema as SchemaLike);
    out.push(
      '',
      `Options: \`${d.optionsField}\`${d.optionsAliases?.length ? ` (also ${d.optionsAliases.map((a) => `\`${a}\``).join(', ')})` : ''}.`,
      '',
    );
    if (rows.length > 0) {
      out.push(
        '| option | type | required |',
        '| --- | --- | --- |',
        ...rows,
        '',
        'Any other field is refused (620).',
        '',
      );
    } else out.push('No options (any field is refused, 620).', '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
