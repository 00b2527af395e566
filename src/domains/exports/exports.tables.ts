import { bigint, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tsz } from '../../core/columns.js';
import { workspaces } from '../workspaces/index.js';

export type ExportFormat = 'csv' | 'xlsx' | 'json';
export type ExportStatus = 'queued' | 'running' | 'completed' | 'failed';

/** What an export covers: a list, a selection, a lead query (search, filter tree, saved view…), or every live lead. */
export interface ExportScope {
  listId?: string;
  leadIds?: string[];
  /** A leads query (leadQuerySchema of the leads domain). */
  filter?: Record<string, unknown>;
}

/** One export: its scope, columns, the job that writes it and the file it produced. */
export const leadExports = pgTable(
  'lead_exports',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    jobId: uuid('job_id'),
    format: text('format').$type<ExportFormat>().notNull(),
    columns: text('columns').array().notNull(),
    scope: jsonb('scope').$type<ExportScope>().notNull(),
    status: text('status').$type<ExportStatus>().notNull().default('queued'),
    rowCount: integer('row_count').notNull().default(0),
    bytes: bigint('bytes', { mode: 'number' }),
    fileName: text('file_name').notNull(),
    error: text('error'),
    actorType: text('actor_type').notNull(),
    actorUserId: uuid('actor_user_id'),
    actorApiKeyId: uuid('actor_api_key_id'),
    createdAt: createdAt(),
    finishedAt: tsz('finished_at'),
  },
  (t) => [index('lead_exports_created_idx').on(t.workspaceId, t.createdAt)],
);

export type LeadExportRow = typeof leadExports.$inferSelect;
