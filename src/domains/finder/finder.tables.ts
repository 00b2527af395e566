import { sql } from 'drizzle-orm';
import { integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { tsz } from '../../core/columns.js';
import { workspaces } from '../workspaces/workspaces.tables.js';

/**
 * What a workspace has learnt about how a domain writes its addresses: one row per pattern seen,
 * with how many verified addresses showed it. The finder tries the pattern with the most
 * evidence first, so a known domain usually settles a person in one SMTP probe.
 */
export const finderDomainPatterns = pgTable(
  'finder_domain_patterns',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    domain: text('domain').notNull(),
    pattern: text('pattern').notNull(),
    hits: integer('hits').notNull().default(1),
    lastSeenAt: tsz('last_seen_at').notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.domain, t.pattern] })],
);
