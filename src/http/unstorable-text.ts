import { Stream } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { HeraldError } from '../errors/herald-error.ts';

/**
 * Text PostgreSQL cannot store, refused at the HTTP boundary before any handler sees
 * it: a NUL character (U+0000; text and jsonb both refuse it, so it used to answer 500),
 * and a lone UTF-16 surrogate (not Unicode: jsonb refuses its escape, text would store
 * U+FFFD in its place). Nesting deeper than MAX_DEPTH is refused too: schema validation
 * recurses once per level and would overflow the stack first.
 */
export const MAX_DEPTH = 64;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'is not valid Unicode (it holds a lone surrogate)';
  return undefined;
}

/** A field name as it can be shown: its own unstorable characters escaped. */
function shown(name: string): string {
  return JSON.stringify(name.slice(0, 100)).slice(1, -1);
}

function join(base: string, name: string): string {
  return base === '' ? shown(name) : `${base}.${shown(name)}`;
}

function isParsedJson(value: unknown): value is object {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return false;
  return !(value instanceof Stream);
}

/**
 * The first unstorable string of a parsed value, as "<where> <problem>". Iterative, so
 * a deep value cannot overflow the stack here either.
 */
export function unstorableIn(value: unknown, where: string): string | undefined {
  const stack: { value: unknown; where: string; depth: number }[] = [{ value, where, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop() as { value: unknown; where: string; depth: number };
    if (typeof item.value === 'string') {
      const problem = textProblem(item.value);
      if (problem) return `${item.where || 'body'} ${problem}`;
      continue;
    }
    // A raw body (a network's signed webhook) is bytes, a streamed one (a signed PUT, a
    // tus PATCH) a stream: each is read by its own route, never walked here.
    if (!isParsedJson(item.value)) continue;
    if (item.depth >= MAX_DEPTH) return `${item.where || 'body'} is nested deeper than ${MAX_DEPTH} levels`;
    const entries = Array.isArray(item.value)
      ? item.value.map((v, i) => [String(i), v] as const)
      : Object.entries(item.value);
    // Reversed onto the stack so the first field is looked at first.
    for (const [name, child] of entries.reverse()) {
      const problem = textProblem(name);
      if (problem) return `the field name ${join(item.where, name)} ${problem}`;
      stack.push({ value: child, where: join(item.where, name), depth: item.depth + 1 });
    }
  }
  return undefined;
}

/** Where in the request head (headers, path, query) unstorable text is, or undefined. */
export function unstorableHeadText(request: FastifyRequest): string | undefined {
  for (const [name, value] of Object.entries(request.headers)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      const problem = typeof one === 'string' ? textProblem(one) : undefined;
      if (problem) return `the ${name} header ${problem}`;
    }
  }
  return unstorableIn(request.params, 'path') ?? unstorableIn(request.query, 'query');
}

function refuse(problem: string | undefined): void {
  if (problem) throw new HeraldError({ code: 604, params: { problem } });
}

/**
 * The two hooks, one check: the head as soon as the request is routed (before the API key
 * and profile key are looked up), the body once it is parsed (before schema validation).
 */
export const refuseUnstorableText = {
  onRequest: async (request: FastifyRequest): Promise<void> => refuse(unstorableHeadText(request)),
  preValidation: async (request: FastifyRequest): Promise<void> => refuse(unstorableIn(request.body, '')),
};
