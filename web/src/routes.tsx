import { creditsRoute } from './features/credits/route';
import { findRoute } from './features/find/route';
import { importsRoute } from './features/imports/route';
import { jobsRoute } from './features/jobs/route';
import { leadsRoute } from './features/leads/route';
import { listsRoute } from './features/lists/route';
import { settingsRoute } from './features/settings/route';
import type { FeatureRoute } from './features/shell/feature-route';
import { verifyRoute } from './features/verify/route';

/**
 * The pages of the signed-in app, in navbar order. The router mounts each under /app/<path> and
 * the navbar lists them: a new feature adds its `route.tsx` entry here and nothing else.
 */
export const featureRoutes: FeatureRoute[] = [
  leadsRoute,
  listsRoute,
  importsRoute,
  verifyRoute,
  findRoute,
  jobsRoute,
  creditsRoute,
  settingsRoute,
];
