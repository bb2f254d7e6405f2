import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { options } from '../connectors/shared/options.ts';
import { networkOptions, optionFields, simpleField } from './option-fields.ts';

describe('simple option fields', () => {
  it.each([
    [Type.Boolean(), { name: 'f', kind: 'boolean' }],
    [Type.String({ description: 'd' }), { name: 'f', kind: 'string', description: 'd' }],
    [Type.Integer(), { name: 'f', kind: 'integer' }],
    [Type.Union([Type.Literal('a'), Type.Literal('b')]), { name: 'f', kind: 'choice', choices: ['a', 'b'] }],
    [Type.Array(Type.String()), undefined],
    [Type.Object({ x: Type.String() }), undefined],
    [Type.Union([Type.Literal('a'), Type.Integer()]), undefined],
    [Type.Unknown(), undefined],
  ])('%j → %j', (schema, expected) => {
    expect(simpleField('f', JSON.parse(JSON.stringify(schema)))).toEqual(expected);
  });

  it('leaves out the fields a network does not offer', () => {
    const schema = options({ kept: Type.Optional(Type.Boolean()) }, ['gone']);
    expect(optionFields(JSON.parse(JSON.stringify(schema))).map((f) => f.name)).toEqual(['kept']);
  });

  it('names each network’s body field from its declaration', () => {
    const all = networkOptions();
    expect(all.linkedin?.field).toBe('linkedInOptions');
    expect(all.mastodon?.fields).toContainEqual(
      expect.objectContaining({
        name: 'visibility',
        kind: 'choice',
        choices: ['public', 'unlisted', 'private', 'direct'],
      }),
    );
    expect(all.twitter?.fields.map((f) => f.name)).not.toContain('replySettings');
  });
});
