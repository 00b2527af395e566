import { and, eq, exists, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../core/context.js';
import { requireWorkspaceId } from '../../core/context.js';
import { forbidden, notFound, validationError } from '../../core/errors.js';
import { roleAtLeast } from '../../core/roles.js';
import { memberships } from '../workspaces/index.js';
import { listAccess, lists } from './lists.tables.js';

export type ListRow = typeof lists.$inferSelect;

/** Owners, admins (and the system) see every list, private ones included. */
export const seesAllLists = (ctx: Ctx) => ctx.actor.type === 'system' || roleAtLeast(ctx.actor.role, 'admin');

/**
 * The lists the actor may see in their workspace: workspace-visible lists, and private lists
 * whose allow-list names them. Every list route and the lead filters go through this.
 */
export function visibleListsWhere(ctx: Ctx): SQL {
  const workspaceId = requireWorkspaceId(ctx);
  const inWorkspace = eq(lists.workspaceId, workspaceId);
  if (seesAllLists(ctx)) return inWorkspace;
  const userId = ctx.actor.userId;
  const shared = eq(lists.visibility, 'workspace');
  if (!userId) return and(inWorkspace, shared)!;
  const allowed = exists(
    ctx.db
      .select({ one: sql`1` })
      .from(listAccess)
      .where(and(eq(listAccess.listId, lists.id), eq(listAccess.userId, userId))),
  );
  return and(inWorkspace, or(shared, allowed))!;
}

/** The list if the actor may see it; otherwise NOT_FOUND (a private list's existence is not revealed). */
export async function getVisibleList(ctx: Ctx, listId: string, options: { lock?: boolean } = {}): Promise<ListRow> {
  const q = ctx.db
    .select()
    .from(lists)
    .where(and(eq(lists.id, listId), visibleListsWhere(ctx)));
  const [row] = options.lock ? await q.for('update') : await q;
  if (!row) throw notFound('List');
  return row;
}

/** Several visible lists at once (adding a new lead to lists); NOT_FOUND names the first missing one. */
export async function getVisibleLists(ctx: Ctx, listIds: string[]): Promise<ListRow[]> {
  const ids = [...new Set(listIds)];
  if (ids.length === 0) return [];
  const rows = await ctx.db
    .select()
    .from(lists)
    .where(and(inArray(lists.id, ids), visibleListsWhere(ctx)));
  const missing = ids.find((id) => !rows.some((r) => r.id === id));
  if (missing) throw notFound(`List ${missing}`);
  return rows;
}

/** Who sees a list and whether it exists are the creator's and the admins' decisions. */
export function assertCanManageList(ctx: Ctx, list: ListRow, action: string) {
  if (seesAllLists(ctx)) return;
  if (ctx.actor.userId && list.createdBy === ctx.actor.userId) return;
  throw forbidden(`Only the list's creator or an admin can ${action}`);
}

/** Lists can't take new leads while archived. */
export function assertNotArchived(list: ListRow) {
  if (list.archivedAt) throw validationError(`The list "${list.name}" is archived; restore it first`);
}

/** Allow-list members must belong to the workspace. */
export async function assertWorkspaceMembers(ctx: Ctx, userIds: string[]) {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return;
  const rows = await ctx.db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, requireWorkspaceId(ctx)), inArray(memberships.userId, ids)));
  const missing = ids.filter((id) => !rows.some((r) => r.userId === id));
  if (missing.length) throw validationError(`Not members of this workspace: ${missing.join(', ')}`, [{ path: 'memberIds', message: 'unknown member' }]);
}

/** Replaces the allow-list of a private list; the creator always stays on it. */
export async function setListMembers(ctx: Ctx, list: ListRow, userIds: string[]) {
  const workspaceId = requireWorkspaceId(ctx);
  const ids = [...new Set([...userIds, ...(list.createdBy ? [list.createdBy] : [])])];
  await ctx.db.delete(listAccess).where(eq(listAccess.listId, list.id));
  if (ids.length) await ctx.db.insert(listAccess).values(ids.map((userId) => ({ listId: list.id, userId, workspaceId })));
}
