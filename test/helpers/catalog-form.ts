import { CATALOG, type CatalogEntry, hasCode } from '../../src/errors/catalog/index.ts';
import { defaultShapeFor } from '../../src/errors/catalog/types.ts';
import { envelopeHttpStatus } from '../../src/posts/envelope.ts';

/**
 * Whether an answer of Herald's is in catalog form: what the fuzz and the suites assert
 * of every refusal. An error body's `code` exists in the catalog, its keys come in the
 * order the catalog prints them, its message is the code's (English) template filled
 * in, and the HTTP status is the catalog's for that code. An envelope (a post's,
 * analytics') carries such bodies and the status they add up to.
 */

const BY_CODE = new Map(CATALOG.map((entry) => [entry.code, entry]));

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function templateRegex(template: string): RegExp {
  const source = template
    .split(/(\{\w+\})/)
    .map((part) => (/^\{\w+\}$/.test(part) ? '[\\s\\S]*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

/** Problems of one error body (empty when it is a catalog body). `english`: check the message too. */
export function catalogBodyProblems(body: unknown, english = true): string[] {
  if (!isObject(body)) return [`not an object: ${JSON.stringify(body)?.slice(0, 200)}`];
  const code = body.code;
  if (typeof code !== 'number' || !hasCode(code))
    return [`code ${JSON.stringify(code)} is not in the catalog`];
  const entry = BY_CODE.get(code) as CatalogEntry;
  const problems: string[] = [];
  if (body.status !== 'error') problems.push(`code ${code}: status is ${JSON.stringify(body.status)}`);
  if (typeof body.message !== 'string') problems.push(`code ${code}: no message`);
  const shapes = Object.values(entry.variants).map((v) => v.shape ?? defaultShapeFor(entry));
  const keys = Object.keys(body).filter((k) => shapes.some((shape) => (shape as string[]).includes(k)));
  const inOrder = shapes.some((shape) => {
    const positions = keys.map((k) => (shape as string[]).indexOf(k));
    return positions.every((p, i) => p >= 0 && (i === 0 || p > (positions[i - 1] ?? -1)));
  });
  if (!inOrder) problems.push(`code ${code}: keys ${keys.join(',')} are not in the catalog's order`);
  if (english && typeof body.message === 'string') {
    const fits = Object.values(entry.variants).some((v) =>
      templateRegex(v.message).test(body.message as string),
    );
    if (!fits) problems.push(`code ${code}: message ${JSON.stringify(body.message)} is not the catalog's`);
  }
  return problems;
}

/**
 * Problems of a whole answer to a refused or failed request (status ≥ 400): a catalog
 * body with its code's HTTP status, or an envelope of catalog bodies with theirs.
 */
export function catalogAnswerProblems(status: number, body: unknown, english = true): string[] {
  if (!isObject(body)) return [`HTTP ${status}: the body is not a JSON object`];
  if (typeof body.code === 'number') {
    const problems = catalogBodyProblems(body, english);
    if (problems.length > 0) return problems;
    const expected = (BY_CODE.get(body.code) as CatalogEntry).http;
    if (status !== expected) return [`code ${body.code}: HTTP ${status}, the catalog says ${expected}`];
    const nested = Array.isArray(body.errors)
      ? body.errors.flatMap((e) => catalogBodyProblems(e, english))
      : [];
    return nested;
  }
  if (Array.isArray(body.errors) && body.errors.length > 0) {
    const problems = body.errors.flatMap((e) => catalogBodyProblems(e, english));
    if (problems.length > 0) return problems;
    const codes = body.errors.map((e) => (e as { code: number }).code);
    const expected = envelopeHttpStatus(codes);
    return status === expected
      ? []
      : [`envelope of ${codes.join(',')}: HTTP ${status}, expected ${expected}`];
  }
  if (typeof body.httpErrorCode === 'number' && hasCode(body.httpErrorCode)) {
    const expected = (BY_CODE.get(body.httpErrorCode) as CatalogEntry).http;
    return status === expected
      ? []
      : [`analytics ${body.httpErrorCode}: HTTP ${status}, expected ${expected}`];
  }
  return [`HTTP ${status}: not a catalog body: ${JSON.stringify(body).slice(0, 300)}`];
}
