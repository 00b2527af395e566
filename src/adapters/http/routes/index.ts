import type { App } from '../types.js';
import { authRoutes } from './auth.routes.js';

/**
 * Every route module, mounted under /api/v1. A domain adds its `<domain>.routes.ts` here.
 * Routes validate input, call a verb, and map errors: no SQL, no rules.
 */
export const routeModules: Array<(app: App) => Promise<void>> = [authRoutes];
