import type { CatalogEntry } from './types.ts';

const SHAPE = ['action', 'status', 'code', 'message', 'details', 'platform'] as const;
const NETWORK = { platformName: { sample: 'LinkedIn', meaning: 'the network' } };

function linking(
  code: number,
  http: number,
  title: string,
  message: string,
  remedy: string,
  params: CatalogEntry['variants']['default']['params'] = NETWORK,
): CatalogEntry {
  return {
    code,
    http,
    title,
    scope: 'request',
    action: 'link',
    origin: 'herald',
    variants: { default: { message, shape: SHAPE, params } },
    remedy,
  };
}

/**
 * What the connect page (end users linking their own accounts) can answer: Herald's
 * 660–669. The page shows the message; a browser that is sent the JSON (a client that
 * asks for it) gets the body as every other error.
 */
export const LINKING_CODES: readonly CatalogEntry[] = [
  linking(
    660,
    401,
    'Connect link expired or not valid',
    'This connect link has expired or is not valid. Ask for a new link.',
    'Call POST /api/profiles/generateJWT again and open the new url; a link lives expiresIn minutes (5 by default, up to 2880), and a later generateJWT with logout: true ends the earlier ones.',
    {},
  ),
  linking(
    661,
    400,
    'Authorization answer not valid for this page',
    'This {platformName} authorization answer is not valid here: it was already used, has expired, or was started from another page or browser. Start again from the connect page.',
    'Open the connect page again and press Connect once; each authorization can be answered once, from the browser that started it, before the page expires.',
  ),
  linking(
    662,
    400,
    'Authorization cancelled or refused at the network',
    '{platformName} authorization was cancelled or refused, so nothing was linked. Connect again and allow access.',
    'The user declined (or the network refused) at the network’s own page; details carry the network’s words. Connecting again shows the network’s page once more.',
  ),
  linking(
    663,
    400,
    'Network not configured for linking',
    '{platformName} cannot be linked here: the operator has not configured a {platformName} app ({variable}).',
    'The operator sets the named variables (README, “Let your users link their accounts”) and restarts Herald.',
    {
      ...NETWORK,
      variable: {
        sample: 'HERALD_LINKEDIN_CLIENT_ID, HERALD_LINKEDIN_CLIENT_SECRET',
        meaning: 'the variables to set',
      },
    },
  ),
  linking(
    664,
    400,
    'Permissions not granted',
    '{platformName} did not grant every permission Herald needs (missing: {missing}). Connect again and allow all of them.',
    'Connect again and leave every permission ticked on the network’s page; Herald cannot post without them.',
    { ...NETWORK, missing: { sample: 'w_member_social', meaning: 'the scopes not granted' } },
  ),
  linking(
    665,
    502,
    'Network refused to issue a token',
    '{platformName} refused to issue a token for this authorization. Start again from the connect page.',
    'Connect again; if it keeps failing, details carry the network’s error (a wrong client secret or redirect URI is the operator’s to fix).',
  ),
  linking(
    666,
    400,
    'Nothing this login can post to',
    '{platformName} found no {what} this login can post as. {hint}',
    'Connect with a login that manages what the message names (for Instagram: a professional account linked to a Facebook Page).',
    {
      ...NETWORK,
      what: { sample: 'Facebook Page', meaning: 'what the network must list' },
      hint: { sample: 'Create or get a role on a Page, then connect again.', meaning: 'what to do' },
    },
  ),
];
