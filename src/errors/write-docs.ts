import { mkdir, writeFile } from 'node:fs/promises';
import { ERRORS_DOC_URL, renderErrorsDoc } from './docs.ts';

/** Rewrites docs/errors.md from the catalog: `npx tsx src/errors/write-docs.ts`. */
await mkdir(new URL('.', ERRORS_DOC_URL), { recursive: true });
await writeFile(ERRORS_DOC_URL, renderErrorsDoc());
console.log(`wrote ${ERRORS_DOC_URL.pathname}`);
