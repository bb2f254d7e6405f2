import { textResponse } from '../schemas/common.ts';
import type { RegisterRoute } from '../types.ts';

/**
 * GET /robots.txt (public): every crawler may fetch Herald's media. The networks'
 * crawlers (facebookexternalhit, Pinterest, Googlebot-Image, ...) read it before they
 * fetch `/media/...`; a host without one is allowed too (RFC 9309: 4xx allows all), but
 * an answer leaves no doubt, and keeps the API paths out of search engines.
 */
export const ROBOTS_TXT = 'User-agent: *\nAllow: /media/\nDisallow: /api/\n';

export const registerRobots: RegisterRoute = (server) => {
  server.get(
    '/robots.txt',
    {
      schema: {
        summary: 'Crawlers may fetch /media/, not /api/ (public)',
        tags: ['media'],
        security: [],
        response: {
          200: textResponse('text/plain; charset=utf-8', 'The robots.txt rules (RFC 9309).', ROBOTS_TXT),
        },
      },
    },
    async (_request, reply) =>
      reply
        .header('content-type', 'text/plain; charset=utf-8')
        .header('cache-control', 'public, max-age=86400')
        .send(ROBOTS_TXT),
  );
};
