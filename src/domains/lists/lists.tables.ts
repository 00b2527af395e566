import { sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tsz, updatedAt } from '../../core/columns.js';
import { users } from '../auth/index.js';
import { workspaces } from '../workspaces/index.js';

/** Folders group lists in the sidebar; deleting one leaves its lists at the top level. */
export const listFolders = pgTable(
  'list_folders',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('list_folders_name_idx').on(t.workspaceId, sql`lower(${t.name})`)],
);

/**
 * A named set of leads. Visible to the whole workspace, or `private` to the members on its
 * allow-list (list_access; the creator is always on it). Owners and admins see every list so
 * that nothing is orphaned when a member leaves. Names are unique per workspace (ignoring case):
 * the CLI and imports address lists by name.
 */
export const lists = pgTable(
  'lists',
  {
    id: id(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    folderId: uuid('folder_id').references(() => listFolders.id, { onDelete: 'set null' }),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    visibility: text('visibility', { enum: ['workspace', 'private'] }).notNull().default('workspace'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    /** Live (not deleted) leads in the list, kept exact by every verb that changes membership. */
    leadCount: integer('lead_count').notNull().default(0),
    archivedAt: tsz('archived_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('lists_name_idx').on(t.workspaceId, sql`lower(${t.name})`), index('lists_folder_idx').on(t.workspaceId, t.folderId)],
);

/** Allow-list of a private list. */
export const listAccess = pgTable(
  'list_access',
  {
    listId: uuid('list_id')
      .notNull()
      .references(() => lists.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.listId, t.userId] }), index('list_access_user_idx').on(t.workspaceId, t.userId)],
);
