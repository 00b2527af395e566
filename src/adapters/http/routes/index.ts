import type { App } from '../types.js';
import { workspaceLimitsByRouteConfig } from '../workspace-rate-limit.js';
import { apiKeysRoutes } from './api-keys.routes.js';
import { auditRoutes } from './audit.routes.js';
import { authRoutes } from './auth.routes.js';
import { creditsRoutes } from './credits.routes.js';
import { invitationsRoutes } from './invitations.routes.js';
import { jobsRoutes } from './jobs.routes.js';
import { notificationsRoutes } from './notifications.routes.js';
import { workspacesRoutes } from './workspaces.routes.js';
import { leadsRoutes } from './leads.routes.js';
import { listsRoutes } from './lists.routes.js';
import { customFieldsRoutes } from './custom-fields.routes.js';
import { verifyRoutes } from './verify.routes.js';
import { importsRoutes } from './imports.routes.js';
import { exportsRoutes } from './exports.routes.js';
import { leadDuplicatesRoutes } from './lead-duplicates.routes.js';
import { privacyRoutes } from './privacy.routes.js';
import { finderRoutes } from './finder.routes.js';

/**
 * Every route module, mounted under /api/v1. A domain adds its `<domain>.routes.ts` here.
 * Routes validate input, call a verb, and map errors: no SQL, no rules.
 */
export const routeModules: Array<(app: App) => Promise<void>> = [
  // First: routes declaring `config: { workspaceLimit }` (job starts…) get their budget.
  workspaceLimitsByRouteConfig,
  authRoutes,
  workspacesRoutes,
  invitationsRoutes,
  apiKeysRoutes,
  auditRoutes,
  creditsRoutes,
  notificationsRoutes,
  jobsRoutes,
  leadsRoutes,
  listsRoutes,
  customFieldsRoutes,
  verifyRoutes,
  importsRoutes,
  exportsRoutes,
  leadDuplicatesRoutes,
  privacyRoutes,
  finderRoutes,
];
