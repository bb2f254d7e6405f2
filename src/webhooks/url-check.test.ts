import { describe, expect, it } from 'vitest';
import { parseAllowList } from '../media/allow-list.ts';
import type { Resolver } from '../media/url-decision.ts';
import { webhookUrlProblem } from './url-check.ts';

const names: Record<string, string> = {
  'hooks.example.com': '93.184.216.34',
  'intranet.example': '10.0.0.5',
};
const resolve: Resolver = async (host) => {
  const address = names[host];
  if (!address) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
  return [{ address, family: 4 }];
};

function check(url: string, production = false, allow = '') {
  return webhookUrlProblem(url, { production, allow: parseAllowList(allow).allow, resolve });
}

describe('which webhook URLs can be registered', () => {
  it.each([
    ['a public https URL', 'https://hooks.example.com/herald?x=1', false, '', undefined],
    ['a name that does not resolve now', 'https://later.example.org/hook', false, '', undefined],
    ['not a URL', 'hooks.example.com/x', false, '', 'not a valid URL'],
    ['ftp', 'ftp://hooks.example.com/x', false, '', 'only https'],
    ['credentials', 'https://u:p@hooks.example.com/x', false, '', 'credentials'],
    ['a fragment', 'https://hooks.example.com/x#y', false, '', 'fragment'],
    ['plain http to a public host', 'http://hooks.example.com/x', false, '', 'https is required'],
    ['a private address', 'https://10.1.2.3/x', false, '', 'non-public address 10.1.2.3'],
    ['a name resolving to a private address', 'https://intranet.example/x', false, '', 'non-public'],
    ['loopback', 'https://127.0.0.1:9000/x', false, '', 'non-public address 127.0.0.1'],
    ['loopback, allowlisted, http (tests)', 'http://127.0.0.1:9000/x', false, '127.0.0.1', undefined],
    ['allowlisted http in production', 'http://127.0.0.1:9000/x', true, '127.0.0.1', 'production'],
    ['allowlisted https in production', 'https://127.0.0.1:9000/x', true, '127.0.0.1', undefined],
  ])('%s', async (_name, url, production, allow, problem) => {
    const found = await check(url, production, allow);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(problem);
  });
});
