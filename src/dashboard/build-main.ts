// `npm run build:dashboard` and the `prepare` script (run by npm install / npm ci).
import { buildDashboard, DASHBOARD_DIST } from './build.ts';

await buildDashboard();
console.log(`dashboard built into ${DASHBOARD_DIST}`);
