import { describe, expect, it } from 'vitest';
import {
  authorizationHeader,
  baseStringUri,
  hmacSha1,
  type Param,
  percentEncode,
  signatureBaseString,
} from './oauth1.ts';

/** The parameters of an Authorization header, decoded. */
function headerParams(header: string): Record<string, string> {
  expect(header.startsWith('OAuth ')).toBe(true);
  const out: Record<string, string> = {};
  for (const match of header.slice(6).matchAll(/([\w%]+)="([^"]*)"/g)) {
    out[decodeURIComponent(match[1] ?? '')] = decodeURIComponent(match[2] ?? '');
  }
  return out;
}

describe('percentEncode (RFC 5849 §3.6; X documentation examples)', () => {
  it.each([
    ['Ladies + Gentlemen', 'Ladies%20%2B%20Gentlemen'],
    ['An encoded string!', 'An%20encoded%20string%21'],
    ['Dogs, Cats & Mice', 'Dogs%2C%20Cats%20%26%20Mice'],
    ['☃', '%E2%98%83'],
    ["-._~ stay, *'() do not", '-._~%20stay%2C%20%2A%27%28%29%20do%20not'],
    ['=%3D', '%3D%253D'],
  ])('%j → %s', (raw, encoded) => expect(percentEncode(raw)).toBe(encoded));
});

describe('baseStringUri (RFC 5849 §3.4.1.2)', () => {
  it.each([
    ['HTTP://EXAMPLE.COM:80/r%20v/X?id=123', 'http://example.com/r%20v/X'],
    ['https://www.example.net:8080/?q=1', 'https://www.example.net:8080/'],
    ['https://api.x.com:443/2/tweets', 'https://api.x.com/2/tweets'],
    ['http://127.0.0.1:5123/2/users/me', 'http://127.0.0.1:5123/2/users/me'],
  ])('%s → %s', (url, expected) => expect(baseStringUri(new URL(url))).toBe(expected));
});

describe('signature base string and HMAC-SHA1 signature', () => {
  it('RFC 5849 §3.4.1.1: repeated, empty and already-encoded parameters from query and body', () => {
    const url = new URL('http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b');
    const params: Param[] = [
      ...url.searchParams.entries(),
      ...new URLSearchParams('c2&a3=2+q').entries(),
      ['oauth_consumer_key', '9djdj82h48djs9d2'],
      ['oauth_token', 'kkk9d7dh3k39sjv7'],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', '137131201'],
      ['oauth_nonce', '7d8f3e4a'],
    ];
    expect(signatureBaseString('POST', url, params)).toBe(
      'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7',
    );
  });

  it('RFC 5849 §1.2: the photos.example.net request signs to MdpQcU8iPSUjWoN/UDMsK2sui9I=', () => {
    const url = new URL('http://photos.example.net/photos?file=vacation.jpg&size=original');
    const base = signatureBaseString('GET', url, [
      ...url.searchParams.entries(),
      ['oauth_consumer_key', 'dpf43f3p2l4k3l03'],
      ['oauth_token', 'nnch734d00sl2jdk'],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', '137131202'],
      ['oauth_nonce', 'chapoH'],
    ]);
    expect(base).toBe(
      'GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131202%26oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal',
    );
    expect(hmacSha1(base, 'kd94hf93k423kf44', 'pfkkdhi9sl3r4s00')).toBe('MdpQcU8iPSUjWoN/UDMsK2sui9I=');
  });

  const twitterKeys = {
    consumerKey: 'xvz1evFS4wEEPTGEFPHBog',
    consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
    token: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb',
    tokenSecret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
  };

  it('X “Creating a signature” example: the header carries hCtSmYh+iHYCEqBWrE7C7hYmtUk=', () => {
    const header = authorizationHeader(twitterKeys, {
      method: 'POST',
      url: 'https://api.twitter.com/1.1/statuses/update.json?include_entities=true',
      formParams: [['status', 'Hello Ladies + Gentlemen, a signed OAuth request!']],
      nonce: 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg',
      timestamp: '1318622958',
    });
    expect(headerParams(header)).toEqual({
      oauth_consumer_key: 'xvz1evFS4wEEPTGEFPHBog',
      oauth_nonce: 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg',
      oauth_signature: 'hCtSmYh+iHYCEqBWrE7C7hYmtUk=',
      oauth_signature_method: 'HMAC-SHA1',
      oauth_timestamp: '1318622958',
      oauth_token: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb',
      oauth_version: '1.0',
    });
    // The signature's "+", "/" and "=" are percent-encoded inside the header.
    expect(header).toContain('oauth_signature="hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D"');
  });

  it('a fresh nonce and the current time by default; a JSON body is not signed', () => {
    const a = headerParams(
      authorizationHeader(twitterKeys, { method: 'POST', url: 'https://api.x.com/2/tweets' }),
    );
    const b = headerParams(
      authorizationHeader(twitterKeys, { method: 'POST', url: 'https://api.x.com/2/tweets' }),
    );
    expect(a.oauth_nonce).not.toBe(b.oauth_nonce);
    expect(Math.abs(Number(a.oauth_timestamp) - Date.now() / 1000)).toBeLessThan(5);
    const base = signatureBaseString('POST', new URL('https://api.x.com/2/tweets'), [
      ['oauth_consumer_key', twitterKeys.consumerKey],
      ['oauth_nonce', a.oauth_nonce ?? ''],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', a.oauth_timestamp ?? ''],
      ['oauth_token', twitterKeys.token],
      ['oauth_version', '1.0'],
    ]);
    expect(a.oauth_signature).toBe(hmacSha1(base, twitterKeys.consumerSecret, twitterKeys.tokenSecret));
  });
});
