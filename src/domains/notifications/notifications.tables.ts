import { bigserial, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tsz } from '../../core/columns.js';
import { workspaces } from '../workspaces/index.js';

/** In-app notices for a workspace (low balance, job finished…). Read state is per workspace. */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    readAt: tsz('read_at'),
    createdAt: createdAt(),
  },
  (t) => [index('notifications_workspace_idx').on(t.workspaceId, t.id)],
);
