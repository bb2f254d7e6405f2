import { describe, expect, it } from 'vitest';
import { type Outgoing, outgoingOf } from './outgoing-request.ts';

/** What `new Request` itself serialises: the reference the direct path must equal. */
async function viaRequest(resource: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Outgoing> {
  const request = new Request(resource, init);
  const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
  return { url: request.url, method: request.method, headers: Object.fromEntries(request.headers), body };
}

const form = new FormData();
form.append('description', 'alt');

describe('outgoingOf', () => {
  it.each<[string, Parameters<typeof fetch>[0], RequestInit | undefined]>([
    ['a GET, no init', 'https://social.example/api/v1/instance', undefined],
    ['a URL object with a query and a fragment', new URL('https://social.example/a b?q=1#top'), undefined],
    [
      'a JSON POST with headers as an object',
      'https://social.example/api/v1/statuses',
      {
        method: 'POST',
        headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json', 'Idempotency-Key': 'k' },
        body: JSON.stringify({ status: 'héllo ✓' }),
      },
    ],
    ['text with no content-type gets text/plain', 'https://s.example/x', { method: 'post', body: 'plain' }],
    ['an empty text body', 'https://s.example/x', { method: 'PUT', body: '' }],
    [
      'a form body gets the form type',
      'https://s.example/oauth/token',
      { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code: 'a b&c' }) },
    ],
    [
      'a form body keeps a type the caller gave',
      'https://s.example/oauth/token',
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams('a=1'),
      },
    ],
    ['bytes, no default type', 'https://s.example/x', { method: 'POST', body: new Uint8Array([0, 1, 255]) }],
    [
      'headers as pairs, one name twice',
      'https://s.example/x',
      {
        method: 'DELETE',
        headers: [
          ['X-A', '1'],
          ['x-a', '2'],
          ['Accept', 'application/json'],
        ],
      },
    ],
    ['headers as a Headers', 'https://s.example/x', { headers: new Headers({ 'User-Agent': 'Herald' }) }],
    [
      'a method outside the normalised set keeps its case',
      'https://s.example/x',
      { method: 'patch', body: '{}' },
    ],
    ['a body of null', 'https://s.example/x', { method: 'POST', body: null }],
    ['a FormData (through a Request)', 'https://s.example/api/v2/media', { method: 'POST', body: form }],
    [
      'a Blob (through a Request)',
      'https://s.example/x',
      { method: 'POST', body: new Blob(['abc'], { type: 'text/csv' }) },
    ],
  ])('%s: as a Request serialises it', async (_name, resource, init) => {
    const mine = await outgoingOf(resource, init);
    const theirs = await viaRequest(resource, init);
    if (init?.body instanceof FormData) {
      // A fresh boundary each time: the same shape, not the same bytes.
      expect(mine.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
      expect(mine.body?.toString()).toContain('name="description"');
      return;
    }
    expect(mine).toEqual(theirs);
  });

  it.each<[string, Parameters<typeof fetch>[0], RequestInit | undefined]>([
    ['a URL that does not parse', 'not a url', undefined],
    ['credentials in the URL', 'https://user:pw@s.example/', undefined],
    ['a forbidden method', 'https://s.example/', { method: 'TRACE' }],
    ['a method that is not a token', 'https://s.example/', { method: 'GE T' }],
    ['a body on a GET', 'https://s.example/', { body: 'x' }],
    ['a header value with a newline', 'https://s.example/', { headers: { 'x-a': 'a\nb' } }],
  ])("%s: refused with the Request's own TypeError", async (_name, resource, init) => {
    await expect(outgoingOf(resource, init)).rejects.toThrow(TypeError);
    expect(() => new Request(resource, init)).toThrow(TypeError);
  });
});
