import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tsz, updatedAt } from '../../core/columns.js';
import { workspaces } from '../workspaces/index.js';

export type ImportStatus = 'running' | 'completed' | 'failed' | 'cancelled' | 'undone';

/** What one import asked for and what it did; the job carries the progress. */
export const imports = pgTable(
  'imports',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    jobId: uuid('job_id'),
    fileName: text('file_name').notNull(),
    /** Where the uploaded file lives under the data dir (removed with the import). */
    filePath: text('file_path').notNull(),
    fileInfo: jsonb('file_info').$type<Record<string, unknown>>().notNull().default({}),
    /** Column index → target, as run: `{ index, header, field }[]`. */
    mapping: jsonb('mapping').$type<{ index: number; header: string; field: string | null }[]>().notNull(),
    options: jsonb('options').$type<Record<string, unknown>>().notNull().default({}),
    listId: uuid('list_id'),
    sourceId: integer('source_id'),
    status: text('status').$type<ImportStatus>().notNull().default('running'),
    totalRows: integer('total_rows').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    invalid: integer('invalid').notNull().default(0),
    duplicates: integer('duplicates').notNull().default(0),
    /** The `verify.bulk` job started over the imported leads when the import ended (option `verifyEmails`). */
    verifyJobId: uuid('verify_job_id'),
    /** Why that verification could not start (e.g. not enough credits); the import itself is done. */
    verifyError: text('verify_error'),
    createdByUserId: uuid('created_by_user_id'),
    createdByApiKeyId: uuid('created_by_api_key_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    finishedAt: tsz('finished_at'),
    undoneAt: tsz('undone_at'),
  },
  (t) => [index('imports_created_idx').on(t.workspaceId, t.createdAt, t.id)],
);

/** Rows the import refused, for the downloadable error report. */
export const importErrors = pgTable(
  'import_errors',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    importId: uuid('import_id')
      .notNull()
      .references(() => imports.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id').notNull(),
    rowNumber: integer('row_number').notNull(),
    column: text('column'),
    value: text('value'),
    problem: text('problem').notNull(),
  },
  (t) => [index('import_errors_import_idx').on(t.importId, t.rowNumber)],
);

/**
 * What the import did to each lead, for undo: `created`, `updated` with the values it replaced
 * (`before`, by column) and the lead's `updated_at` right after (to spot later edits), or
 * `skipped` (matched, left as it was: later rows matching it are duplicates in the file).
 */
export const importChanges = pgTable(
  'import_changes',
  {
    importId: uuid('import_id')
      .notNull()
      .references(() => imports.id, { onDelete: 'cascade' }),
    leadId: uuid('lead_id').notNull(),
    workspaceId: uuid('workspace_id').notNull(),
    action: text('action').$type<'created' | 'updated' | 'skipped'>().notNull(),
    before: jsonb('before').$type<Record<string, unknown>>(),
    after: jsonb('after').$type<Record<string, unknown>>(),
    rowNumber: integer('row_number').notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.leadId] })],
);

/** The mapping last used for a set of columns, proposed again for a file with the same columns. */
export const importMappings = pgTable(
  'import_mappings',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** headerKey of each header, joined by "|". */
    signature: text('signature').notNull(),
    mapping: jsonb('mapping').$type<{ header: string; field: string | null }[]>().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.signature] })],
);

export type ImportRow = typeof imports.$inferSelect;
