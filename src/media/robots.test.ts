import { describe, expect, it } from 'vitest';
import { evaluateRobots, normalizePath, parseRobots, wildcardGroups } from './robots.ts';

const FB = ['facebookexternalhit'];

/** [case, robots.txt, tokens, path, allowed, deciding line (or undefined)] */
const CASES: readonly [string, string, readonly string[], string, boolean, number | undefined][] = [
  ['empty file allows all', '', FB, '/a.jpg', true, undefined],
  ['Disallow: / in the wildcard group', 'User-agent: *\nDisallow: /', FB, '/a.jpg', false, 2],
  ['empty Disallow allows all', 'User-agent: *\nDisallow:', FB, '/a.jpg', true, undefined],
  [
    'a specific group wins over the wildcard group',
    'User-agent: facebookexternalhit\nAllow: /\n\nUser-agent: *\nDisallow: /',
    FB,
    '/a.jpg',
    true,
    2,
  ],
  [
    'a specific group that disallows',
    'User-agent: *\nAllow: /\n\nUser-agent: facebookexternalhit\nDisallow: /media/',
    FB,
    '/media/a.jpg',
    false,
    5,
  ],
  [
    'product token matched case-insensitively',
    'User-agent: FacebookExternalHit\nDisallow: /',
    FB,
    '/x',
    false,
    2,
  ],
  [
    'version suffix in the group line is ignored',
    'User-agent: facebookexternalhit/1.1\nDisallow: /',
    FB,
    '/x',
    false,
    2,
  ],
  [
    'another crawler’s group does not apply',
    'User-agent: Twitterbot\nDisallow: /',
    FB,
    '/x',
    true,
    undefined,
  ],
  [
    'longest match wins (allow longer)',
    'User-agent: *\nDisallow: /media/\nAllow: /media/public/',
    FB,
    '/media/public/a.jpg',
    true,
    3,
  ],
  [
    'longest match wins (disallow longer)',
    'User-agent: *\nAllow: /media/\nDisallow: /media/private/',
    FB,
    '/media/private/a.jpg',
    false,
    3,
  ],
  ['allow wins a tie', 'User-agent: *\nDisallow: /media\nAllow: /media', FB, '/media/a.jpg', true, 3],
  ['* matches any run', 'User-agent: *\nDisallow: /*.jpg', FB, '/photos/2026/a.jpg', false, 2],
  ['$ anchors the end', 'User-agent: *\nDisallow: /*.jpg$', FB, '/a.jpg?size=large', true, undefined],
  ['$ anchors the end (match)', 'User-agent: *\nDisallow: /*.jpg$', FB, '/a.jpg', false, 2],
  [
    'query strings are part of the path',
    'User-agent: *\nDisallow: /*?token=',
    FB,
    '/a.jpg?token=1',
    false,
    2,
  ],
  ['prefix match', 'User-agent: *\nDisallow: /med', FB, '/media/a.jpg', false, 2],
  ['paths are case-sensitive', 'User-agent: *\nDisallow: /Media/', FB, '/media/a.jpg', true, undefined],
  [
    'groups of one agent are merged',
    'User-agent: facebookexternalhit\nAllow: /media/\n\nUser-agent: facebookexternalhit\nDisallow: /media/private/',
    FB,
    '/media/private/a.jpg',
    false,
    5,
  ],
  [
    'wildcard groups are merged',
    'User-agent: *\nDisallow: /a/\n\nUser-agent: *\nDisallow: /b/',
    FB,
    '/b/x.jpg',
    false,
    5,
  ],
  [
    'consecutive user-agent lines share a group',
    'User-agent: Twitterbot\nUser-agent: facebookexternalhit\nDisallow: /',
    FB,
    '/x',
    false,
    3,
  ],
  [
    'rules before any user-agent are ignored',
    'Disallow: /\nUser-agent: *\nAllow: /x',
    FB,
    '/y',
    true,
    undefined,
  ],
  ['comments and blank lines', '# hi\nUser-agent: * # all\n\nDisallow: /a # no a\n', FB, '/a', false, 4],
  [
    'sitemap lines do not end a group',
    'User-agent: *\nSitemap: https://x/s.xml\nDisallow: /',
    FB,
    '/a',
    false,
    3,
  ],
  ['CRLF line ends', 'User-agent: *\r\nDisallow: /\r\n', FB, '/a', false, 2],
  ['/robots.txt is always allowed', 'User-agent: *\nDisallow: /', FB, '/robots.txt', true, undefined],
  [
    'percent-encoded unreserved characters compare decoded',
    'User-agent: *\nDisallow: /%7Ejoe/',
    FB,
    '/~joe/a.jpg',
    false,
    2,
  ],
  [
    'percent-encoding compares case-insensitively',
    'User-agent: *\nDisallow: /a%2fb',
    FB,
    '/a%2Fb.jpg',
    false,
    2,
  ],
  [
    'non-ASCII patterns compare percent-encoded',
    'User-agent: *\nDisallow: /café/',
    FB,
    '/caf%C3%A9/a.jpg',
    false,
    2,
  ],
  [
    'a fallback token is used when the crawler has no group',
    'User-agent: Googlebot\nDisallow: /\n\nUser-agent: *\nAllow: /',
    ['Googlebot-Image', 'Googlebot'],
    '/a.jpg',
    false,
    2,
  ],
  [
    'the crawler’s own group beats its fallback',
    'User-agent: Googlebot\nDisallow: /\n\nUser-agent: Googlebot-Image\nAllow: /',
    ['Googlebot-Image', 'Googlebot'],
    '/a.jpg',
    true,
    5,
  ],
];

describe('RFC 9309 evaluation', () => {
  it.each(CASES)('%s', (_name, text, tokens, path, allowed, line) => {
    const verdict = evaluateRobots(parseRobots(text), tokens, path);
    expect(verdict.allowed).toBe(allowed);
    expect(verdict.rule?.line).toBe(line);
  });

  it('says which groups applied', () => {
    const robots = parseRobots('User-agent: facebookexternalhit\nAllow: /\nUser-agent: *\nDisallow: /');
    expect(evaluateRobots(robots, FB, '/a').group).toBe('specific');
    expect(evaluateRobots(robots, ['Pinterest'], '/a').group).toBe('wildcard');
    expect(evaluateRobots(parseRobots('User-agent: Twitterbot\nDisallow: /'), FB, '/a').group).toBe('none');
  });

  it('counts the separate User-agent: * groups', () => {
    const text =
      'User-agent: *\nDisallow: /a\n\nUser-agent: facebookexternalhit\nAllow: /\n\nUser-agent: *\nDisallow: /b';
    expect(wildcardGroups(parseRobots(text)).map((g) => g.line)).toEqual([1, 7]);
  });

  it('normalises paths as RFC 9309 compares them', () => {
    expect(normalizePath('/%7e/%2f/%41/é')).toBe('/~/%2F/A/%C3%A9');
  });
});
