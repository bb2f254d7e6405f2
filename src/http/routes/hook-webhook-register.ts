import { Type } from 'typebox';
import { registerWebhook } from '../../webhooks/registration.ts';
import { documented } from '../answer.ts';
import { ErrorResponses } from '../schemas/common.ts';
import { WebhookRegistered } from '../schemas/webhook-responses.ts';
import type { RegisterRoute } from '../types.ts';

const RegisterBody = Type.Object({
  action: Type.String({ maxLength: 64, description: 'One action per registration (docs/api.md, Webhooks)' }),
  url: Type.String({ minLength: 1, maxLength: 2048, description: 'The final https URL (no redirects)' }),
  secret: Type.Optional(
    Type.String({
      maxLength: 1024,
      description: 'HMAC key of both signatures; omitted: Herald makes one and answers it once',
    }),
  ),
});

export const registerHookWebhookRegister: RegisterRoute = (server, app) => {
  // /api/hook: the path Ayrshare's MCP server calls.
  for (const url of ['/api/hook/webhook', '/api/hook']) {
    server.post(
      url,
      {
        schema: {
          summary: 'Register the profile’s webhook URL for an action (its own wins over the primary’s)',
          tags: ['webhooks'],
          body: RegisterBody,
          response: { 200: WebhookRegistered, ...ErrorResponses },
        },
      },
      async (request) => documented(await registerWebhook(app, request.profile, request.body)),
    );
  }
};
