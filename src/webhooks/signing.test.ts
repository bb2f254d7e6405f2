import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { generateSecret, secretProblem, signatureHeaders, standardSecret } from './signing.ts';

const body = '{"action":"scheduled","status":"success"}';

describe('delivery signatures', () => {
  it.each([
    ['a generated whsec_ secret', generateSecret()],
    ['a plain-text secret, as Ayrshare users choose them', 'my shared secret ✓'],
  ])('%s verifies with the Standard Webhooks library and with Ayrshare’s HMAC', (_name, secret) => {
    const at = new Date();
    const headers = signatureHeaders(secret, 'evt_1', at, body);
    expect(new Webhook(standardSecret(secret)).verify(body, headers)).toEqual(JSON.parse(body));
    expect(headers['x-authorization-content-sha256']).toBe(
      createHmac('sha256', secret).update(body).digest('hex'),
    );
    expect(headers['x-authorization-timestamp']).toBe(String(Math.floor(at.getTime() / 1000)));
    expect(headers['webhook-id']).toBe('evt_1');
  });

  it('a changed body or another secret fails both', () => {
    const secret = generateSecret();
    const headers = signatureHeaders(secret, 'evt_1', new Date(), body);
    expect(() => new Webhook(standardSecret(secret)).verify(`${body} `, headers)).toThrow();
    expect(() => new Webhook(generateSecret()).verify(body, headers)).toThrow();
    expect(headers['x-authorization-content-sha256']).not.toBe(
      createHmac('sha256', 'other').update(body).digest('hex'),
    );
  });

  it('the plain-text secret’s whsec_ form is base64 of its UTF-8 bytes', () => {
    expect(standardSecret('abc')).toBe('whsec_YWJj');
    expect(standardSecret('whsec_YWJj')).toBe('whsec_YWJj');
  });

  it.each([
    ['plain text', 'anything at all', undefined],
    ['whsec_ and base64', 'whsec_YWJjZA==', undefined],
    ['whsec_ and not base64', 'whsec_not base64!', 'base64'],
    ['whsec_ and nothing', 'whsec_', 'base64'],
  ])('secret %s', (_name, secret, problem) => {
    const found = secretProblem(secret);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(problem);
  });
});
