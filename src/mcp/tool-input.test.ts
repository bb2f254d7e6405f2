import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { HistoryQuery } from '../http/schemas/history.ts';
import { PostBody } from '../http/schemas/post.ts';
import { argumentChecker, integerArguments, toolSchema } from './tool-input.ts';

describe('toolSchema', () => {
  it('lists a route’s schema as plain, closed JSON Schema', () => {
    const schema = toolSchema(PostBody);
    expect(schema).toMatchObject({ type: 'object', additionalProperties: false });
    expect(schema.properties).toHaveProperty('post');
    expect(JSON.stringify(schema)).not.toContain('~kind');
  });

  it('refuses a schema that is not an object', () => {
    expect(() => toolSchema(Type.String())).toThrow(/object of arguments/);
  });
});

describe('argumentChecker (the route’s own checks)', () => {
  const check = argumentChecker(toolSchema(PostBody));
  it.each([
    ['valid arguments', { post: 'hi', platforms: ['facebook'] }, undefined],
    ['an unknown field', { post: 'hi', platforms: ['facebook'], colour: 'red' }, 631],
    ['a number where text belongs (no coercion)', { post: 5, platforms: ['facebook'] }, 604],
    [
      'profileKey: a connection acts as one profile',
      { post: 'hi', platforms: ['facebook'], profileKey: 'K' },
      631,
    ],
  ])('%s → %s', (_what, args, code) => {
    expect(check(args)?.code).toBe(code);
  });
});

describe('integerArguments', () => {
  const { schema, toQuery } = integerArguments(toolSchema(HistoryQuery));
  it('shows digit-string query fields as bounded integers and maps them back to strings', () => {
    expect(schema.properties?.limit).toMatchObject({ type: 'integer', minimum: 0, maximum: 9999 });
    expect(schema.properties?.status).toEqual(toolSchema(HistoryQuery).properties?.status);
    expect(toQuery({ limit: 5, status: 'error' })).toEqual({ limit: '5', status: 'error' });
  });

  it('hands the route’s check what it checks: a mapped limit passes, a string one does not', () => {
    const check = argumentChecker(toolSchema(HistoryQuery));
    expect(check(toQuery({ limit: 10 }))).toBeUndefined();
    expect(argumentChecker(schema)({ limit: '10' })?.code).toBe(604);
  });
});
