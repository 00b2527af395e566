// Barrel of every domain's tables: what drizzle-kit reads to generate migrations.
// A new domain adds one line here.
export * from '../../domains/auth/auth.tables.js';
export * from '../../domains/workspaces/workspaces.tables.js';
export * from '../../domains/audit/audit.tables.js';
export * from '../../domains/credits/credits.tables.js';
export * from '../../domains/notifications/notifications.tables.js';
export * from '../../domains/jobs/jobs.tables.js';
export * from '../../domains/lists/lists.tables.js';
export * from '../../domains/leads/leads.tables.js';
export * from '../../domains/verify/verify.tables.js';
export * from '../../domains/imports/imports.tables.js';
export * from '../../domains/finder/finder.tables.js';
export * from '../../domains/exports/exports.tables.js';
