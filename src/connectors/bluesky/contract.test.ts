import { runConnectorContract, testContext } from '../../../test/contract/connector-contract.ts';
import { startPds } from '../../../test/helpers/pds.ts';
import { blueskyConnector as bluesky } from './connector.ts';

runConnectorContract('bluesky', async () => {
  const pds = await startPds();
  return {
    connector: bluesky,
    ctx: testContext(pds.url),
    credentials: { identifier: pds.handle, appPassword: pds.password },
    invalidCredentials: { identifier: pds.handle, appPassword: 'aaaa-bbbb-cccc-dddd' },
    countPosts: () => pds.countPosts(pds.did),
    close: () => pds.close(),
  };
});
