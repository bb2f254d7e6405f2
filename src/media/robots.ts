/**
 * robots.txt as RFC 9309 reads it: groups of `User-agent` lines followed by
 * `Allow`/`Disallow` rules; the groups naming a crawler's product token (compared
 * case-insensitively) are merged, and only when none does are the `*` groups used
 * (merged too). Among the rules that match the path, the longest pattern wins and
 * `Allow` wins a tie. `*` matches any run of characters, a final `$` anchors the end.
 */

export interface RobotsRule {
  allow: boolean;
  /** Normalised pattern (percent-encoding as RFC 9309 compares it). */
  pattern: string;
  /** 1-based line number in the file, and the line as written. */
  line: number;
  text: string;
}

export interface RobotsGroup {
  /** Product tokens as written (`*` for the wildcard). */
  agents: string[];
  rules: RobotsRule[];
  line: number;
}

export interface Robots {
  groups: RobotsGroup[];
}

export interface RobotsVerdict {
  allowed: boolean;
  /** Which groups applied: the crawler's own, the `*` groups, or none at all. */
  group: 'specific' | 'wildcard' | 'none';
  /** The rule that decided; absent when no rule matched (allowed by default). */
  rule?: RobotsRule;
}

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** Decodes %XX of unreserved characters, upper-cases the rest, percent-encodes non-ASCII (UTF-8). */
export function normalizePath(path: string): string {
  let out = '';
  for (let i = 0; i < path.length; i++) {
    const char = path[i] as string;
    const hex = path.slice(i + 1, i + 3);
    if (char === '%' && /^[0-9a-fA-F]{2}$/.test(hex)) {
      const decoded = String.fromCharCode(Number.parseInt(hex, 16));
      out += UNRESERVED.test(decoded) ? decoded : `%${hex.toUpperCase()}`;
      i += 2;
    } else if (char.charCodeAt(0) > 0x7e || char.charCodeAt(0) < 0x21) {
      const code = path.codePointAt(i) ?? 0;
      if (code > 0xffff) i++;
      out += encodeURIComponent(String.fromCodePoint(code));
    } else {
      out += char;
    }
  }
  return out;
}

const KEYS: Record<string, 'agent' | 'allow' | 'disallow'> = {
  'user-agent': 'agent',
  useragent: 'agent',
  'user agent': 'agent',
  allow: 'allow',
  disallow: 'disallow',
};

export function parseRobots(text: string): Robots {
  const groups: RobotsGroup[] = [];
  let current: RobotsGroup | undefined;
  let lastWasAgent = false;
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = raw.replace(/#.*$/, '').trim();
    const colon = line.indexOf(':');
    if (colon < 0) return;
    const key = KEYS[line.slice(0, colon).trim().toLowerCase()];
    const value = line.slice(colon + 1).trim();
    if (key === 'agent') {
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [], line: index + 1 };
        groups.push(current);
      }
      current.agents.push(value);
      lastWasAgent = true;
    } else if (key && current) {
      lastWasAgent = false;
      // An empty `Disallow:` allows everything: it is no rule at all.
      if (value !== '')
        current.rules.push({
          allow: key === 'allow',
          pattern: normalizePath(value),
          line: index + 1,
          text: line,
        });
    }
    // Other records (Sitemap, Crawl-delay, ...) neither start nor end a group.
  });
  return { groups };
}

/** The product token a `User-agent` value names: its leading letters, `_` and `-` (`Googlebot/2.1` → `googlebot`). */
function tokenOf(agent: string): string {
  if (agent.startsWith('*')) return '*';
  return (/^[A-Za-z_-]+/.exec(agent)?.[0] ?? '').toLowerCase();
}

export function wildcardGroups(robots: Robots): RobotsGroup[] {
  return robots.groups.filter((g) => g.agents.some((a) => tokenOf(a) === '*'));
}

function matches(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith('$');
  const body = anchored ? pattern.slice(0, -1) : pattern;
  const source = body
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}${anchored ? '$' : ''}`).test(path);
}

/**
 * The verdict for one crawler on one path (`/a/b.jpg?x=1`). `tokens` lists the crawler's
 * product token first, then tokens it falls back to (Googlebot-Image obeys Googlebot).
 */
export function evaluateRobots(robots: Robots, tokens: readonly string[], path: string): RobotsVerdict {
  const target = normalizePath(path || '/');
  if (target === '/robots.txt') return { allowed: true, group: 'none' };
  let applied: RobotsGroup[] = [];
  for (const token of tokens) {
    applied = robots.groups.filter((g) => g.agents.some((a) => tokenOf(a) === token.toLowerCase()));
    if (applied.length > 0) break;
  }
  const group = applied.length > 0 ? 'specific' : 'wildcard';
  if (applied.length === 0) applied = wildcardGroups(robots);
  if (applied.length === 0) return { allowed: true, group: 'none' };
  let best: RobotsRule | undefined;
  for (const rule of applied.flatMap((g) => g.rules)) {
    if (!matches(rule.pattern, target)) continue;
    const longer = !best || rule.pattern.length > best.pattern.length;
    const tieWonByAllow = best && rule.pattern.length === best.pattern.length && rule.allow && !best.allow;
    if (longer || tieWonByAllow) best = rule;
  }
  return best ? { allowed: best.allow, group, rule: best } : { allowed: true, group };
}
