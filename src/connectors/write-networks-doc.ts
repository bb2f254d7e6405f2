import { writeFile } from 'node:fs/promises';
import { NETWORKS_DOC_URL, renderNetworksDoc } from './networks-doc.ts';

/** Rewrites docs/networks.md from the declarations. */
await writeFile(NETWORKS_DOC_URL, renderNetworksDoc());
console.log(`wrote ${NETWORKS_DOC_URL.pathname}`);
