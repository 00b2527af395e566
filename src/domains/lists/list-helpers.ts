import { and, eq, ne, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { conflict, isUniqueViolation, notFound } from '../../core/errors.js';
import { listFolders, lists } from './lists.tables.js';

/** Tags without duplicates (ignoring case), first spelling kept. */
export function dedupeTags(tags: string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((t) => {
    const k = t.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export async function assertListNameFree(ctx: Ctx, name: string, exceptId?: string) {
  const [taken] = await ctx.db
    .select({ id: lists.id })
    .from(lists)
    .where(and(eq(lists.workspaceId, requireWorkspaceId(ctx)), sql`lower(${lists.name}) = lower(${name})`, exceptId ? ne(lists.id, exceptId) : undefined))
    .limit(1);
  if (taken) throw listNameTaken(name);
}

export const listNameTaken = (name: string) => conflict(`A list named "${name}" already exists`, [{ path: 'name', message: 'already used' }]);

/** Turns the unique-name race into the same 409 as the pre-check. */
export async function mapListNameConflict<T>(name: string | undefined, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (name !== undefined && isUniqueViolation(e, 'lists_name_idx')) throw listNameTaken(name);
    throw e;
  }
}

export async function assertFolderExists(ctx: Ctx, folderId: string) {
  const [f] = await ctx.db
    .select({ id: listFolders.id })
    .from(listFolders)
    .where(and(eq(listFolders.id, folderId), eq(listFolders.workspaceId, requireWorkspaceId(ctx))));
  if (!f) throw notFound('Folder');
}
