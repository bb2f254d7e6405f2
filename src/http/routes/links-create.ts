import type { Utm } from '../../links/link-target.ts';
import { linkView, shortenUrl } from '../../links/links-service.ts';
import { documented } from '../answer.ts';
import { ErrorResponses } from '../schemas/common.ts';
import { LinkCreated } from '../schemas/link-responses.ts';
import { LinkBody } from '../schemas/links.ts';
import type { RegisterRoute } from '../types.ts';

export const registerLinksCreate: RegisterRoute = (server, app) => {
  server.post(
    '/api/links',
    {
      schema: {
        summary: 'Shorten a URL (the same URL gives the same short link)',
        tags: ['links'],
        body: LinkBody,
        response: { 200: LinkCreated, ...ErrorResponses },
      },
    },
    async (request) => {
      const {
        url,
        source: _source,
        profileKey: _profileKey,
        ...utm
      } = request.body as {
        url: string;
        source?: string;
        profileKey?: string;
      } & Utm;
      return documented(linkView(app, await shortenUrl(app, request.profile, url, utm)));
    },
  );
};
