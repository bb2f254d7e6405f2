import { it } from 'vitest';
import { startTestHerald } from '../helpers/herald.ts';
it('dump', async () => {
  const t = await startTestHerald({ role: 'api' });
  const res = await t.herald.server!.inject({ method: 'GET', url: '/openapi.json' });
  const spec = res.json();
  for (const [p, ops] of Object.entries(spec.paths)) for (const [m, op] of Object.entries(ops as any)) {
    const o = op as any;
    console.log(m.toUpperCase(), p, 'params:', (o.parameters??[]).map((x: any) => x.in+':'+x.name).join(','), 'body:', Object.keys(o.requestBody?.content?.['application/json']?.schema?.properties ?? {}).join(','));
  }
  await t.stop();
}, 60000);
