import type { AppContext } from '../app/context.ts';
import { DECLARATIONS } from '../connectors/declarations.ts';
import { HeraldError } from '../errors/herald-error.ts';
import type { Platform } from '../platforms.ts';
import { linkFromForm } from './form-flow.ts';
import { startInstance } from './instance-flow.ts';
import { startOAuth1 } from './oauth1-flow.ts';
import { startOAuth2 } from './oauth2-flow.ts';
import { availabilityOf } from './page-model.ts';
import type { PageSession } from './page-session.ts';

export type StartResult = { kind: 'redirect'; url: string } | { kind: 'linked' };

/**
 * A Connect button, whatever the network's way: OAuth 2.0 (most), OAuth 1.0a (X), an
 * instance first (Mastodon) or a form (Bluesky, Telegram). A network that cannot be
 * linked here answers why (663 not configured, 419 no X keys), never a broken flow.
 */
export async function startLinking(
  app: AppContext,
  page: PageSession,
  platform: Platform,
  form: Readonly<Record<string, string>>,
): Promise<StartResult> {
  const platformName = DECLARATIONS[platform].name;
  const availability = availabilityOf(app, platform, page.session);
  switch (availability.kind) {
    case 'unconfigured':
      throw new HeraldError({
        code: 663,
        platform,
        params: { platformName, variable: availability.variables },
      });
    case 'needs-keys':
      throw new HeraldError({ code: 419, platform });
    case 'unavailable':
      throw new HeraldError({ code: 614, params: { platformName } });
  }
  const { linking } = availability;
  switch (linking.kind) {
    case 'oauth2':
      return { kind: 'redirect', url: await startOAuth2(app, page, linking) };
    case 'oauth1':
      return { kind: 'redirect', url: await startOAuth1(app, page, linking) };
    case 'instance':
      return { kind: 'redirect', url: await startInstance(app, page, form.instance ?? '') };
    case 'form':
      await linkFromForm(app, page, linking, form);
      return { kind: 'linked' };
  }
}
