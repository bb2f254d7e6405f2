import { describe, expect, it } from 'vitest';
import { CATALOG, catalogEntry } from '../errors/catalog/index.ts';
import { ANALYTICS_CODES, errorGuide, NETWORK_CODES } from './error-guide.ts';
import { retryAdvice } from './retry-advice.ts';
import { TOOLS } from './tools/index.ts';

const HEADINGS = {
  yes: '- retry (transient): ',
  'after a wait': '- wait (Retry-After in details when given), then retry: ',
  'after relinking': '- relink the account, then retry: ',
  no: '- do not retry unchanged: fix what the remedy says: ',
} as const;

/** The guide's lines, each code with the heading it sits under. */
function grouped(guide: string): Map<number, string> {
  const found = new Map<number, string>();
  for (const line of guide.split('\n')) {
    const heading = Object.values(HEADINGS).find((h) => line.startsWith(h));
    if (!heading) continue;
    for (const item of line.slice(heading.length).replace(/\.$/, '').split('; ')) {
      const code = Number(item.split(' ')[0]);
      expect(found.has(code), `${code} listed twice`).toBe(false);
      found.set(code, heading);
    }
  }
  return found;
}

describe('errorGuide', () => {
  it('lists each code once, with its catalog title, under what the catalog says about retrying it', () => {
    const codes = CATALOG.map((entry) => entry.code);
    const guide = errorGuide(codes);
    const found = grouped(guide);
    expect([...found.keys()].sort((a, b) => a - b)).toEqual([...codes].sort((a, b) => a - b));
    for (const code of codes) {
      const entry = catalogEntry(code);
      expect(found.get(code), String(code)).toBe(HEADINGS[retryAdvice(entry).retry]);
      expect(guide).toContain(`${code} ${entry.title}`);
    }
  });

  it('describes every tool that calls Herald with its codes; the network codes are the catalog’s', () => {
    expect(NETWORK_CODES).toEqual(
      CATALOG.filter((e) => e.scope === 'network' || e.scope === 'warning').map((e) => e.code),
    );
    expect(ANALYTICS_CODES.every((code) => catalogEntry(code).scope === 'analytics')).toBe(true);
    for (const tool of TOOLS.filter((t) => t.name !== 'explain_error')) {
      expect(grouped(tool.description).size, tool.name).toBeGreaterThan(0);
    }
    const post = grouped(TOOLS.find((t) => t.name === 'post')?.description ?? '');
    for (const code of NETWORK_CODES) expect(post.has(code), String(code)).toBe(true);
  });
});
