import { buildDashboard } from '../../src/dashboard/build.ts';

/** The dashboard's bundle built once per run from the current sources (the browser tests load it). */
export default async function setup() {
  await buildDashboard();
}
