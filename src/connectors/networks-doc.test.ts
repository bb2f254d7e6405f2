import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NETWORKS_DOC_URL, renderNetworksDoc, WRITE_NETWORKS_DOC_COMMAND } from './networks-doc.ts';

describe('docs/networks.md', () => {
  it('is generated from the declarations', () => {
    const doc = readFileSync(NETWORKS_DOC_URL, 'utf8');
    expect(doc, `docs/networks.md is out of date: run ${WRITE_NETWORKS_DOC_COMMAND}`).toBe(
      renderNetworksDoc(),
    );
  });
});
