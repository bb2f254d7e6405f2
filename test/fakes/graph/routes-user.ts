import { META } from './meta-errors.ts';
import { type Answer, ok } from './routes.ts';
import type { FakeFacebookUser, GraphState } from './state.ts';

/**
 * A Facebook user's own edges, as Facebook Login's docs give them: `/me`,
 * `/me/permissions` (`{data:[{permission, status}]}`) and `/me/accounts` (the Pages the
 * user manages, each with its Page `access_token`, and with
 * `instagram_business_account{...}` the Instagram professional account connected to it).
 */

/** Top-level names of a `fields` parameter: `a,b{c,d},e` → a, b, e. */
function fieldNames(fields: string | undefined): Set<string> {
  const names = new Set<string>();
  let depth = 0;
  let current = '';
  for (const char of fields ?? '') {
    if (char === '{') depth += 1;
    if (char === '}') depth -= 1;
    if (char === ',' && depth === 0) {
      names.add(current.trim());
      current = '';
    } else if (depth === 0 && char !== '}') current += char;
  }
  if (current.trim()) names.add(current.trim());
  return names;
}

function picture(seed: string) {
  return {
    data: { height: 50, width: 50, is_silhouette: false, url: `https://scontent.xx.fbcdn.net/v/${seed}.jpg` },
  };
}

function pages(state: GraphState, user: FakeFacebookUser, fields: Set<string>) {
  return user.pages.map((pageId) => {
    const page = state.accounts.find((a) => a.id === pageId);
    if (!page) return { id: pageId };
    const entry: Record<string, unknown> = { id: page.id };
    if (fields.has('name')) entry.name = page.name;
    if (fields.has('access_token')) entry.access_token = page.token;
    if (fields.has('tasks')) entry.tasks = ['ANALYZE', 'ADVERTISE', 'MODERATE', 'CREATE_CONTENT', 'MANAGE'];
    if (fields.has('picture')) entry.picture = picture(page.id);
    const igId = state.connectedInstagram.get(page.id);
    const ig = state.accounts.find((a) => a.id === igId);
    if (fields.has('instagram_business_account') && ig) {
      entry.instagram_business_account = {
        id: ig.id,
        username: ig.username,
        name: ig.name,
        profile_picture_url: `https://scontent.cdninstagram.com/v/${ig.id}.jpg`,
      };
    }
    return entry;
  });
}

export function userRoute(
  state: GraphState,
  user: FakeFacebookUser,
  method: string,
  segments: string[],
  params: Record<string, string>,
): Answer {
  if (method !== 'GET') return { error: META.objectMissing('me', 'post') };
  const edge = segments[1];
  if (edge === undefined) return ok({ id: user.id, name: user.name });
  if (edge === 'permissions') {
    return ok({ data: [...user.permissions].map(([permission, status]) => ({ permission, status })) });
  }
  if (edge === 'accounts') {
    const data = pages(state, user, fieldNames(params.fields ?? 'id,name,access_token'));
    return ok({ data, paging: { cursors: { before: 'QVFIUmZA', after: 'QVFIUmZB' } } });
  }
  return { error: META.objectMissing(`me/${edge}`, 'get') };
}
