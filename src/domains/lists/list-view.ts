import { asc, inArray } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import type { ListRow } from './list-access.js';
import { listAccess } from './lists.tables.js';

export interface ListView {
  id: string;
  name: string;
  description: string | null;
  folderId: string | null;
  tags: string[];
  visibility: 'workspace' | 'private';
  /** Allow-list of a private list; empty for workspace lists. */
  memberIds: string[];
  createdBy: string | null;
  leadCount: number;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toListView(row: ListRow, memberIds: string[] = []): ListView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    folderId: row.folderId,
    tags: row.tags,
    visibility: row.visibility,
    memberIds: row.visibility === 'private' ? memberIds : [],
    createdBy: row.createdBy,
    leadCount: row.leadCount,
    archivedAt: row.archivedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Views of several lists, loading the allow-lists of the private ones in one query. */
export async function toListViews(ctx: Ctx, rows: ListRow[]): Promise<ListView[]> {
  const privateIds = rows.filter((r) => r.visibility === 'private').map((r) => r.id);
  const access = privateIds.length
    ? await ctx.db.select().from(listAccess).where(inArray(listAccess.listId, privateIds)).orderBy(asc(listAccess.createdAt))
    : [];
  return rows.map((r) =>
    toListView(
      r,
      access.filter((a) => a.listId === r.id).map((a) => a.userId),
    ),
  );
}
